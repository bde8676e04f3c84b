/** Simplified Chinese for the language model's hand-over summary in the conversation view. */
export const zhSummary = {
  'summary.ask': '用大模型总结',
  'summary.asking': '正在总结…',
  'summary.byModel': '大模型总结（请核对原文）',
  'summary.extractive': '未启用大模型，以下为自动摘录',
  'summary.error': '暂时无法生成总结，请稍后再试',
} as const;
