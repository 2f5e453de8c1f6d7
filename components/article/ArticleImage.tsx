import { getImageProps } from 'next/image';
import type { Article } from '@/lib/content/repository';
import './article.css';

type Props = {
  hero: Article['hero'];
  /** Above the fold (the article's hero, the home page's lead): load it first. */
  priority?: boolean;
  sizes?: string;
};

/**
 * next/image's sizing and loading rules as a plain <img>: `getImageProps`
 * needs no client component, so article pages ship no image JavaScript. The
 * width and height attributes let the browser reserve the box before the file
 * arrives, so the image never shifts the text below it.
 */
export function ArticleImage({ hero, priority = false, sizes = '(min-width: 72rem) 72rem, 100vw' }: Props) {
  const { props } = getImageProps({
    src: hero.src,
    width: hero.width,
    height: hero.height,
    alt: hero.alt,
    sizes,
    loading: priority ? 'eager' : 'lazy',
    fetchPriority: priority ? 'high' : undefined,
  });
  // eslint-disable-next-line @next/next/no-img-element -- these are next/image's own props
  return <img {...props} alt={props.alt} className="article-image" />;
}

export function HeroFigure({ hero }: { hero: Article['hero'] }) {
  return (
    <figure className="article-hero">
      <ArticleImage hero={hero} priority />
      <figcaption className="article-hero__caption">
        {hero.caption} <span className="article-hero__credit">{hero.credit}</span>
      </figcaption>
    </figure>
  );
}
