import type { FormInstance } from 'antd';
import { detailsOf, errorCodeOf } from '../api.ts';
import type { MessageKey, Translate } from '../i18n.ts';

/**
 * Puts a rejected save's problems on the fields they name (`shortcut`, `hours.weekly.mon.0`), keeping what
 * was typed; returns the message for the whole form (the error code in the reader's language).
 */
export function showSaveError<T>(form: FormInstance<T>, error: unknown, t: Translate): string {
  const details = detailsOf(error);
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const fields = details
    .map((detail) => ({ name: detail.path.split('.')[0] ?? '', errors: [detail.message] }))
    .filter((field) => field.name && known.has(field.name));
  if (fields.length > 0) form.setFields(fields as Parameters<FormInstance<T>['setFields']>[0]);
  return t(`error.${errorCodeOf(error)}` as MessageKey);
}
