'use client';

import { useEffect, useState } from 'react';
import { useParams } from 'next/navigation';

type ErrorStrings = { title: string; body: string; retry: string; home: string };

// Error boundaries must be client components and ship with every page, so the
// strings are fetched from the message file only when an error happens:
// importing the catalogues statically would add them to every page's JavaScript.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { locale } = useParams<{ locale: string }>();
  const lang = locale === 'fr' ? 'fr' : 'en';
  const [t, setT] = useState<ErrorStrings | null>(null);
  useEffect(() => {
    const load = lang === 'fr' ? import('@/messages/fr.json') : import('@/messages/en.json');
    load.then((m) => setT(m.default.Error));
  }, [lang]);
  return (
    <main id="main" tabIndex={-1} className="site-main error-page" lang={lang === 'fr' ? 'fr-CA' : 'en-CA'}>
      <h1>{t?.title ?? '…'}</h1>
      {t ? (
        <>
          <p>{t.body}</p>
          <p className="error-page__actions">
            <button type="button" onClick={() => reset()}>
              {t.retry}
            </button>{' '}
            <a className="button-link" href={`/${lang}`}>
              {t.home}
            </a>
          </p>
        </>
      ) : null}
    </main>
  );
}
