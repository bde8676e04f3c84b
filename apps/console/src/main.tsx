import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { I18nProvider } from './I18nProvider.tsx';
import { AntdRoot } from './ui/AntdRoot.tsx';
import './styles/base.css';
import './styles/login.css';
import './styles/layout.css';
import './styles/inbox.css';
import './styles/conversation.css';
import './styles/details.css';
import './styles/admin.css';
import './styles/routing.css';
import './styles/tickets.css';
import './styles/workspace.css';
import './styles/responsive.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <AntdRoot>
        <App />
      </AntdRoot>
    </I18nProvider>
  </StrictMode>,
);
