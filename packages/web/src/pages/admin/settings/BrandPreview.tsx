import { readableOn } from '../../../app/branding.js';
import { useI18n } from '../../../i18n/i18n.js';
import { Alert } from '../../../ui/index.js';
import {
  AA_NON_TEXT,
  AA_TEXT,
  checkColour,
  normaliseHex,
  ratioText,
  type ColourCheck,
} from './brand-contrast.js';

export interface BrandPreviewProps {
  readonly name: string;
  readonly primaryColor: string;
  readonly accentColor: string;
  readonly logoUrl: string | null;
}

/**
 * How the header, a button and a link will look, as the admin types, and whether the text stays
 * readable. The sample itself is hidden from screen readers: the sentences under it say what matters.
 */
export function BrandPreview({ name, primaryColor, accentColor, logoUrl }: BrandPreviewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const primary = checkColour(normaliseHex(primaryColor));
  const accent = checkColour(normaliseHex(accentColor));
  if (!primary || !accent) return <p class="admin-muted">{t('admin.settings.previewUnavailable')}</p>;
  const primaryHex = normaliseHex(primaryColor);
  const accentHex = normaliseHex(accentColor);
  const ratio = (value: number) => ratioText(value, i18n.formatNumber);
  const needed = { needed: ratio(AA_TEXT) };
  const verdict = (check: ColourCheck) =>
    check.textPasses ? t('admin.settings.contrastPasses') : t('admin.settings.contrastFails');
  return (
    <div class="admin-preview">
      <div class="admin-preview__sample" aria-hidden="true">
        <div class="admin-preview__bar" style={{ background: primaryHex, color: primary.text }}>
          {logoUrl && <img class="admin-preview__logo" src={logoUrl} alt="" />}
          <span class="admin-preview__name">{name.trim() || t('common.appName')}</span>
        </div>
        <div class="admin-preview__body">
          <p>
            {t('admin.settings.previewText')}{' '}
            <span class="admin-preview__link" style={{ color: readableOn(primaryHex, '#ffffff') }}>
              {t('admin.settings.previewLink')}
            </span>
          </p>
          <div class="admin-actions">
            <span
              class="button button--primary"
              style={{ background: primaryHex, borderColor: primaryHex, color: primary.text }}
            >
              {t('admin.settings.previewButton')}
            </span>
            <span class="admin-preview__accent" style={{ background: accentHex, color: accent.text }}>
              {t('admin.settings.previewAccent')}
            </span>
          </div>
        </div>
      </div>
      <ul class="admin-preview__checks">
        <li>
          {t('admin.settings.contrastPrimary', {
            ratio: ratio(primary.textRatio),
            verdict: verdict(primary),
          })}
        </li>
        <li>
          {t('admin.settings.contrastAccent', { ratio: ratio(accent.textRatio), verdict: verdict(accent) })}
        </li>
      </ul>
      {!primary.textPasses && (
        <Alert tone="warning" title={t('admin.settings.contrastWarningTitle')}>
          {t('admin.settings.contrastWarningPrimary', { ratio: ratio(primary.textRatio), ...needed })}
        </Alert>
      )}
      {!accent.textPasses && (
        <Alert tone="warning" title={t('admin.settings.contrastWarningTitle')}>
          {t('admin.settings.contrastWarningAccent', { ratio: ratio(accent.textRatio), ...needed })}
        </Alert>
      )}
      {!primary.pagePasses && (
        <Alert tone="warning" title={t('admin.settings.contrastWarningTitle')}>
          {t('admin.settings.contrastWarningPage', {
            ratio: ratio(primary.pageRatio),
            needed: ratio(AA_NON_TEXT),
          })}
        </Alert>
      )}
    </div>
  );
}
