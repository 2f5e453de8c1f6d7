import type { ReactNode } from 'react';

/** An honest placeholder: a heading, what will come, and a way back to reading. */
export function PlaceholderNotice({
  title,
  children,
  backHref,
  backLabel,
}: {
  title: string;
  children: ReactNode;
  backHref: string;
  backLabel: string;
}) {
  return (
    <section className="placeholder" aria-labelledby="placeholder-title">
      <h1 id="placeholder-title">{title}</h1>
      {children}
      <p>
        <a className="button-link" href={backHref}>
          {backLabel}
        </a>
      </p>
    </section>
  );
}
