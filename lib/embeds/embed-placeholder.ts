import type { Element } from 'hast';
import { h } from 'hastscript';
import { createTranslator } from 'next-intl';
import { localizedPath } from '@/i18n/paths';
import type { Locale } from '@/i18n/routing';
import { SETTINGS_OPENER_ATTRIBUTE } from '@/lib/consent/settings-opener';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import { EMBED_ATTRIBUTES, EMBED_CLASS } from './embed-markup';
import type { EmbedProvider } from './providers';

/** One validated `::embed` directive. */
export type Embed = {
  provider: EmbedProvider;
  id: string;
  /** What the embed shows: the caption, and the iframe's accessible name. */
  title: string;
};

const messages = { en, fr } as const;

/**
 * The click-to-load placeholder as a hast tree, in the article's language.
 * It names the provider and what loading means before anything is loaded
 * (an informed choice, GDPR art. 4(11)), and carries only the provider key
 * and the validated id: the third-party URL is built in the browser after
 * the reader agreed, so it is nowhere in the HTML. "Always allow" opens the
 * consent dialog on the marketing switch (the consent island handles any
 * element with data-consent-open); "Load this once" is handled by the embed
 * island and stores nothing. The frame box has the provider's aspect ratio
 * from the start, so the iframe takes the placeholder's place without a shift.
 */
export function embedPlaceholder(embed: Embed, locale: Locale, index: number): Element {
  const t = createTranslator({ locale, messages: messages[locale], namespace: 'Embeds' });
  const provider = embed.provider.name;
  const captionId = `embed-${index + 1}-caption`;
  const [width, height] = embed.provider.aspectRatio;
  return h(
    'figure',
    {
      className: [EMBED_CLASS.root],
      [EMBED_ATTRIBUTES.provider]: embed.provider.key,
      [EMBED_ATTRIBUTES.id]: embed.id,
    },
    [
      h('div', { className: [EMBED_CLASS.frame], style: `aspect-ratio: ${width} / ${height}` }, [
        h('div', { className: [EMBED_CLASS.placeholder] }, [
          h('p', { className: ['embed__provider'] }, t('placeholderTitle', { provider })),
          h('p', { className: ['embed__notice'] }, [
            t('notice', { provider }),
            ' ',
            h('a', { href: localizedPath(locale, '/cookies') }, t('policyLink')),
          ]),
          h('p', { className: ['embed__actions'] }, [
            h(
              'button',
              { type: 'button', className: ['embed__button'], [EMBED_ATTRIBUTES.load]: '', ariaDescribedBy: captionId },
              t('loadOnce'),
            ),
            ' ',
            h(
              'button',
              {
                type: 'button',
                className: ['embed__button', 'embed__button--quiet'],
                // The consent island opens its dialog with the marketing switch focused.
                [SETTINGS_OPENER_ATTRIBUTE]: 'marketing',
                ariaDescribedBy: captionId,
                ariaHasPopup: 'dialog',
              },
              t('alwaysAllow'),
            ),
          ]),
        ]),
      ]),
      h('figcaption', { className: [EMBED_CLASS.caption], id: captionId }, embed.title),
    ],
  );
}
