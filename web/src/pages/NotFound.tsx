import { useTitle } from '../hooks';
import { useI18n } from '../i18n';

export function NotFound() {
  const { t } = useI18n();
  useTitle('common.notFound', true);
  return (
    <>
      <h1>{t('common.notFound')}</h1>
      <p>{t('common.notFoundText')}</p>
      <p>
        <a href="/">{t('common.backHome')}</a>
      </p>
    </>
  );
}
