import type { Metadata } from 'next';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import './globals.css';

export const metadata: Metadata = {
  title: `${en.NotFound.title} | ${fr.NotFound.title}`,
  robots: { index: false },
};

// Reached only for URLs outside every locale route; the language is unknown,
// so the page speaks both.
export default function GlobalNotFound() {
  return (
    <html lang="en-CA">
      <body>
        <main id="main" className="site-main not-found">
          <h1>{en.NotFound.title}</h1>
          <p>{en.NotFound.body}</p>
          <p>
            <a className="button-link" href="/en">{en.NotFound.home}</a>
          </p>
          <section lang="fr-CA" aria-labelledby="nf-fr">
            <h2 id="nf-fr">{fr.NotFound.title}</h2>
            <p>{fr.NotFound.body}</p>
            <p>
              <a className="button-link" href="/fr">{fr.NotFound.home}</a>
            </p>
          </section>
        </main>
      </body>
    </html>
  );
}
