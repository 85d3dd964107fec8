import type { ComponentChildren } from 'preact';
import { useT } from '../i18n/i18n.js';
import { MAIN_ID, SkipLink } from '../ui/layout-parts.js';
import { Toaster } from '../ui/toast.js';
import { Header } from './Header.js';

export function Footer() {
  const t = useT();
  return (
    <footer class="site-footer">
      <p>{t('common.poweredBy')}</p>
    </footer>
  );
}

/** The frame of every tenant page: skip link, header, the one <main>, footer, notifications. */
export function Layout({ children }: { readonly children?: ComponentChildren }) {
  return (
    <>
      <SkipLink />
      <Header />
      <main id={MAIN_ID} class="site-main" tabIndex={-1}>
        {children}
      </main>
      <Footer />
      <Toaster />
    </>
  );
}
