import { screen } from '@testing-library/react';
import { HeroFigure } from '@/components/article/ArticleImage';
import { bothLocales, renderWithLocale } from '../support/render-with-locale';
import { makeArticle } from './article-fixture';

describe.each(bothLocales)('HeroFigure (%s)', (locale) => {
  it('reserves the image box with width and height, has alt text, caption and credit', () => {
    const { hero } = makeArticle({ locale });
    renderWithLocale(<HeroFigure hero={hero} />, locale);
    const image = screen.getByRole('img', { name: hero.alt });
    expect(image).toHaveAttribute('width', '1200');
    expect(image).toHaveAttribute('height', '675');
    expect(image).toHaveAttribute('src', '/images/story.svg');
    expect(image).toHaveAttribute('loading', 'eager');
    const figure = screen.getByRole('figure');
    expect(figure).toHaveTextContent(`${hero.caption} ${hero.credit}`);
  });
});
