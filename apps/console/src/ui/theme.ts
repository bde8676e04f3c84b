import type { ThemeConfig } from 'antd';

/** The console's look as Ant Design tokens: the same palette and type as the hand-written styles. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#2563eb',
    colorSuccess: '#15803d',
    colorWarning: '#b45309',
    colorError: '#dc2626',
    colorTextBase: '#1d2330',
    borderRadius: 8,
    fontSize: 14,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: '#ffffff', bodyBg: '#f3f5f8', headerHeight: 56, headerPadding: '0 16px' },
    // seven pages fit the top bar of a 1280-pixel laptop
    Menu: { itemPaddingInline: 12, horizontalItemSelectedColor: '#2563eb' },
  },
};
