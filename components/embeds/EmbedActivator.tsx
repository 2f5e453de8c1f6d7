'use client';

import { useEffect } from 'react';
import { useConsent } from '@/components/consent/useConsent';
import { embedFigures, loadEmbed, LOAD_ONCE_SELECTOR, unloadEmbed } from '@/lib/embeds/embed-frame';
import { claimEarlyInteractions } from '@/lib/early-interactions';

/**
 * The embed island, loaded by EmbedIsland on pages with an embed. Article
 * bodies are HTML from Markdown, so the placeholders cannot be React
 * components; this island finds them instead.
 *
 * With `marketing` granted every embed loads, now and on later visits, and
 * a withdrawal takes them all out again. Without it, "Load this once" loads
 * that one embed for this page view only: nothing is stored, so the next
 * page shows the placeholder again (the CNIL's click-to-load pattern: one
 * click, one embed, an informed and specific choice).
 */
export function EmbedActivator() {
  const { granted } = useConsent();
  const always = granted.marketing;

  useEffect(() => {
    const figures = embedFigures();
    // Taps on "Load this once" made before this island ran, replayed once.
    const early = claimEarlyInteractions(LOAD_ONCE_SELECTOR);
    if (!figures.length) return;
    if (!always) {
      for (const { target } of early) {
        const figure = figures.find((f) => f.contains(target));
        if (figure) loadEmbed(figure)?.focus();
      }
    }
    if (always) {
      figures.forEach(loadEmbed);
      return () => figures.forEach(unloadEmbed);
    }
    const onClick = (event: MouseEvent) => {
      const button = event.target instanceof Element ? event.target.closest(LOAD_ONCE_SELECTOR) : null;
      const figure = button ? figures.find((f) => f.contains(button)) : undefined;
      // The button the reader pressed is hidden with its placeholder: focus follows to the frame.
      if (figure) loadEmbed(figure)?.focus();
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, [always]);

  return null;
}
