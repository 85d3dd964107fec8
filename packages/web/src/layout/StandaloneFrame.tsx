import type { ComponentChildren } from 'preact';
import { useT } from '../i18n/i18n.js';
import { MAIN_ID, SkipLink } from '../ui/layout-parts.js';
import { Footer } from './Layout.js';
import { LanguageSwitcher } from './LanguageSwitcher.js';

/** The frame for pages outside any tenant: the platform list, an unknown platform, a failed start. */
export function StandaloneFrame({ children }: { readonly children?: ComponentChildren }) {
  const t = useT();
  return (
    <>
      <SkipLink />
      <header class="site-header">
        <div class="site-header__bar site-header__bar--standalone">
          <a class="brand" href="/">
            <img class="brand__logo" src="/icons/icon.svg" alt="" height={40} />
            <span class="brand__name">{t('common.appName')}</span>
          </a>
          <LanguageSwitcher />
        </div>
      </header>
      <main id={MAIN_ID} class="site-main" tabIndex={-1}>
        {children}
      </main>
      <Footer />
    </>
  );
}
