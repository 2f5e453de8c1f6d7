'use client';

import en from '@/messages/en.json';
import fr from '@/messages/fr.json';

// Replaces the root layout when it fails, so it brings its own <html>.
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en-CA">
      <body>
        <main id="main">
          <h1>{en.Error.title}</h1>
          <p>{en.Error.body}</p>
          <section lang="fr-CA" aria-labelledby="ge-fr">
            <h2 id="ge-fr">{fr.Error.title}</h2>
            <p>{fr.Error.body}</p>
          </section>
          <button type="button" onClick={() => reset()}>
            {en.Error.retry} / {fr.Error.retry}
          </button>
        </main>
      </body>
    </html>
  );
}
