import type { ReactNode } from 'react';
import { cardText, SOCIAL_CARD } from '@/lib/metadata/social-card';
import { CARD_FONT_FAMILY } from '@/lib/metadata/social-card-font';

/*
 * Social cards, drawn by next/og (Satori): inline styles only, flex layout, and
 * the one font next/og bundles (Geist Regular, see card-font.ts), so no font is
 * fetched at build.
 * Colours are the light theme's (app/globals.css).
 */
const colors = { bg: '#ffffff', fg: '#1a1a1a', muted: '#4a4f57', rule: '#d5d8dc', accent: '#a3201c' };
const padding = 72;

/** The site's icon (app/icon.svg). */
function Logo({ size }: { size: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64">
      <rect width="64" height="64" rx="12" fill={colors.accent} />
      <path d="M18 46V18h6l16 19V18h6v28h-6L24 27v19z" fill="#fff" />
    </svg>
  );
}

function Frame({ lang, children }: { lang: string; children: ReactNode }) {
  return (
    <div
      lang={lang}
      style={{
        width: SOCIAL_CARD.width,
        height: SOCIAL_CARD.height,
        display: 'flex',
        flexDirection: 'column',
        fontFamily: CARD_FONT_FAMILY,
        backgroundColor: colors.bg,
        color: colors.fg,
        borderBottom: `16px solid ${colors.accent}`,
        padding: `${padding - 8}px ${padding}px ${padding - 16}px`,
      }}
    >
      {children}
    </div>
  );
}

/** Long headlines get a smaller size so that they fit in four lines. */
function headlineSize(headline: string): number {
  if (headline.length <= 50) return 76;
  if (headline.length <= 75) return 68;
  return 60;
}

export type ArticleCardProps = { lang: string; siteName: string; section: string; headline: string };

/** An article's card: site name, section and headline, in the article's language. */
export function ArticleCard({ lang, siteName, section, headline }: ArticleCardProps) {
  const size = headlineSize(headline);
  return (
    <Frame lang={lang}>
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 20,
          paddingBottom: 28,
          borderBottom: `2px solid ${colors.rule}`,
        }}
      >
        <Logo size={56} />
        <div style={{ display: 'flex', fontSize: 40, letterSpacing: -0.5 }}>{cardText(siteName)}</div>
      </div>
      <div style={{ display: 'flex', flexDirection: 'column', flexGrow: 1, justifyContent: 'center' }}>
        <div style={{ display: 'flex', fontSize: 30, color: colors.accent, textTransform: 'uppercase', letterSpacing: 3, marginBottom: 20 }}>
          {cardText(section)}
        </div>
        <div style={{ display: 'flex', fontSize: size, lineHeight: 1.14, letterSpacing: -1, lineClamp: 4 }}>{cardText(headline)}</div>
      </div>
    </Frame>
  );
}

export type SiteCardProps = { lang: string; siteName: string; tagline: string };

/** The card of every page that is not an article: logo, site name, tagline. */
export function SiteCard({ lang, siteName, tagline }: SiteCardProps) {
  return (
    <Frame lang={lang}>
      <div style={{ display: 'flex', flexDirection: 'column', flexGrow: 1, justifyContent: 'center', gap: 40 }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 36 }}>
          <Logo size={120} />
          <div style={{ display: 'flex', fontSize: 96, letterSpacing: -2 }}>{cardText(siteName)}</div>
        </div>
        <div style={{ display: 'flex', fontSize: 44, lineHeight: 1.25, color: colors.muted }}>{cardText(tagline)}</div>
      </div>
    </Frame>
  );
}
