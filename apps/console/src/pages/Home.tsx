import type { Me, Teammate } from '@tandem/protocol';
import { Avatar } from '../chips.tsx';
import { toneOf } from '../contact.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { InboxView } from '../store/inbox.ts';

interface Props {
  me: Me;
  counts: Record<InboxView, number>;
  team: Teammate[];
  onOpenQueue: () => void;
}

/** What the main pane shows before a conversation is chosen: the workload at a glance and who is on. */
export function Home({ me, counts, team, onOpenQueue }: Props) {
  const { t } = useI18n();
  const order = { online: 0, away: 1, offline: 2 } as const;
  const sorted = [...team].sort(
    (a, b) => order[a.presence] - order[b.presence] || a.name.localeCompare(b.name),
  );
  return (
    <main className="home">
      <div className="home-card">
        <h2>{t('home.title')}</h2>
        <p className="muted">{t('home.body')}</p>
        <div className="home-stats">
          <div className={`stat${counts.queued > 0 ? ' stat-alert' : ''}`}>
            <strong>{counts.queued}</strong>
            <span>{t('home.queued')}</span>
            {counts.queued > 0 && (
              <button type="button" className="button button-primary button-sm" onClick={onOpenQueue}>
                {t('home.openQueue')}
              </button>
            )}
          </div>
          <div className="stat">
            <strong>{counts.mine}</strong>
            <span>{t('home.mine')}</span>
          </div>
        </div>
      </div>
      {sorted.length > 0 && (
        <section className="home-card" aria-labelledby="team-title">
          <h3 id="team-title">{t('team.title')}</h3>
          <ul className="team">
            {sorted.map((mate) => (
              <li key={mate.id} className={mate.id === me.id ? 'is-me' : undefined}>
                <Avatar name={mate.name} tone={toneOf(mate.id)} size="sm" />
                <span className="team-name">{mate.name}</span>
                <span className="team-role">{t(`role.${mate.role}`)}</span>
                <span className="team-presence">
                  <span className={`dot dot-${mate.presence}`} aria-hidden="true" />
                  {t(`presence.${mate.presence}`)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
