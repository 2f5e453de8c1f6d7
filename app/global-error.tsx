'use client';

// Replaces the root layout when it fails, so it brings its own <html>. It
// ships with every page: plain bilingual text, no message catalogue import.
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en-CA">
      <body>
        <main id="main">
          <h1>Something went wrong</h1>
          <p>This page could not be displayed. Please try again in a moment.</p>
          <section lang="fr-CA" aria-labelledby="ge-fr">
            <h2 id="ge-fr">Une erreur est survenue</h2>
            <p>Cette page n’a pas pu s’afficher. Veuillez réessayer dans un instant.</p>
          </section>
          <button type="button" onClick={() => reset()}>
            Try again / Réessayer
          </button>
        </main>
      </body>
    </html>
  );
}
