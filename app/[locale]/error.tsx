'use client';

import { useParams } from 'next/navigation';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';

// Error boundaries must be client components; they get the strings straight
// from the message files so that no message-formatting runtime is shipped.
const strings = { en: en.Error, fr: fr.Error };

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { locale } = useParams<{ locale: string }>();
  const lang = locale === 'fr' ? 'fr' : 'en';
  const t = strings[lang];
  return (
    <main id="main" tabIndex={-1} className="site-main error-page">
      <h1>{t.title}</h1>
      <p>{t.body}</p>
      <p className="error-page__actions">
        <button type="button" onClick={() => reset()}>
          {t.retry}
        </button>{' '}
        <a className="button-link" href={`/${lang}`}>
          {t.home}
        </a>
      </p>
    </main>
  );
}
