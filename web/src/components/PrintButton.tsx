import { useI18n } from '../i18n';

export function PrintButton() {
  const { t } = useI18n();
  return (
    <button type="button" class="btn btn-small no-print" onClick={() => window.print()}>
      {t('common.print')}
    </button>
  );
}
