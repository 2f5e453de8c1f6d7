import type { CollectionBeforeChangeHook, CollectionConfig, FieldHook, PayloadRequest, UploadField, Validate } from 'payload';
import { upload } from 'payload/shared';
import { z } from 'zod';
import { isLocale, type Locale } from '@/i18n/routing';
import { ContentError } from '@/lib/content/content-error';
import { renderMarkdown } from '@/lib/content/markdown';
import { checkHeroImage, checkHeroSize, checkHeroSrc, heroMessage } from '@/lib/content/hero-messages';
import { SLUG_PATTERN } from '@/lib/content/slug';
import { publishContentChange } from '@/lib/publishing/cms-hooks';

const localeOf = (value: unknown): Locale => (isLocale(value) ? value : 'en');

/** The body is Markdown, checked by the same pipeline that renders it: a broken `::embed` is refused on save. */
const validateBody: Validate<string> = (value, { req }) => {
  if (!value) return true;
  try {
    renderMarkdown(value, { locale: localeOf(req.locale), file: 'body' });
    return true;
  } catch (error) {
    if (error instanceof ContentError) return error.problems.map((p) => p.message).join('; ');
    throw error;
  }
};

/** A slug is unique per language, among published articles and drafts alike. */
const validateSlug: Validate<string> = async (value, { req, id }) => {
  if (!value) return true;
  if (!SLUG_PATTERN.test(value) || value.length > 200) return 'Lowercase letters, digits and single hyphens, e.g. "canada-china-reset"';
  const clash = await req.payload.find({
    collection: 'articles',
    locale: localeOf(req.locale),
    where: { and: [{ slug: { equals: value } }, ...(id === undefined ? [] : [{ id: { not_equals: id } }])] },
    limit: 1,
    depth: 0,
    req,
  });
  return clash.docs.length === 0 || `"${value}" is already the slug of another article in this language`;
};

type HeroData = { image?: unknown; src?: unknown } | undefined;
const heroOf = (siblingData: unknown): HeroData => siblingData as HeroData;
const imageChosen = (_: unknown, sibling: unknown) => {
  const image = heroOf(sibling)?.image;
  return image !== undefined && image !== null && image !== '';
};

/** A hero is an uploaded image (`image`) or a file under /images/ (`src`, with its size): one of the two. */
const validateHeroImage: Validate<unknown, unknown, unknown, UploadField> = async (value, options) => {
  const { req, siblingData } = options;
  if (value === undefined || value === null || value === '') return checkHeroImage(value, heroOf(siblingData)?.src, req.i18n?.language);
  const shape = await upload(value as Parameters<typeof upload>[0], options as Parameters<typeof upload>[1]);
  if (shape !== true) return shape;
  // An unknown id would otherwise reach the database's foreign key as a server error.
  const id = typeof value === 'object' && 'id' in value ? (value as { id: unknown }).id : value;
  const found = await req.payload.findByID({ collection: 'media', id: id as number | string, depth: 0, disableErrors: true, req, overrideAccess: true });
  return found !== null || heroMessage('noSuchImage', req.i18n?.language);
};

const validateHeroSrc: Validate<string> = (value, { req }) => checkHeroSrc(value, req.i18n?.language);
const validateHeroSize: Validate<number> = (value, { req, siblingData }) => checkHeroSize(value, heroOf(siblingData)?.src, req.i18n?.language);

/** The article's stable key (JSON-LD, search, folder name of seed files): taken from the first slug when left empty. */
const fillKey: FieldHook = ({ value, data }) => value || (typeof data?.slug === 'string' ? data.slug : value);

/**
 * A published URL never dies: when the slug of a published language version
 * changes, the old one is kept so the article page can answer it with a 308.
 */
const keepFormerSlugs: CollectionBeforeChangeHook = ({ data, originalDoc, operation }) => {
  if (operation !== 'update' || !originalDoc) return data;
  const oldSlug: unknown = originalDoc.slug;
  const wasPublished = originalDoc._status === 'published';
  if (wasPublished && typeof oldSlug === 'string' && typeof data.slug === 'string' && data.slug !== oldSlug) {
    const former = Array.isArray(originalDoc.formerSlugs) ? (originalDoc.formerSlugs as unknown[]).filter((s) => typeof s === 'string') : [];
    data.formerSlugs = [...new Set([...former, oldSlug])].filter((s) => s !== data.slug);
  }
  return data;
};

/** A correction moves the article's `updated` date forward: readers and search engines see it was changed. */
const correctionsMoveUpdated: CollectionBeforeChangeHook = ({ data }) => {
  const corrections = Array.isArray(data.corrections) ? (data.corrections as { date?: unknown }[]) : [];
  const times = corrections.map((c) => Date.parse(String(c.date ?? ''))).filter(Number.isFinite);
  const updated = Date.parse(String(data.updated ?? data.published ?? ''));
  const latest = Math.max(...times, Number.isFinite(updated) ? updated : 0);
  if (latest > 0) data.updated = new Date(latest).toISOString();
  return data;
};

const requiredWhenPublished: Validate<unknown> = (value, { data }) => {
  const status = (data as { _status?: unknown } | undefined)?._status;
  return status !== 'published' || (value !== undefined && value !== null && value !== '') || 'Required to publish';
};

const scheduleRequest = z.strictObject({ at: z.iso.datetime({ offset: true }), type: z.enum(['publish', 'unpublish']).default('publish') });

async function scheduleEndpoint(req: PayloadRequest): Promise<Response> {
  const noStore = { 'Cache-Control': 'no-store' };
  if (!req.user) return Response.json({ errors: [{ message: 'Sign in first' }] }, { status: 401, headers: noStore });
  const id = Number(req.routeParams?.id);
  let body: unknown;
  try {
    body = await req.json?.();
  } catch {
    body = undefined;
  }
  const parsed = scheduleRequest.safeParse(body);
  if (!Number.isInteger(id) || !parsed.success) {
    return Response.json({ errors: [{ message: 'Send {"at": "<ISO time with offset>", "type": "publish" | "unpublish"}' }] }, { status: 400, headers: noStore });
  }
  const article = await req.payload.findByID({ collection: 'articles', id, depth: 0, draft: true, disableErrors: true, req });
  if (!article) return Response.json({ errors: [{ message: 'No such article' }] }, { status: 404, headers: noStore });
  const job = await req.payload.jobs.queue({
    task: 'schedulePublish',
    input: { type: parsed.data.type, doc: { relationTo: 'articles', value: String(id) }, user: { relationTo: 'users', value: req.user.id } },
    waitUntil: new Date(parsed.data.at),
    req,
  });
  return Response.json({ scheduled: { id: job.id, at: new Date(parsed.data.at).toISOString(), type: parsed.data.type } }, { status: 201, headers: noStore });
}

export const Articles: CollectionConfig = {
  slug: 'articles',
  labels: { singular: { en: 'Article', fr: 'Article' }, plural: { en: 'Articles', fr: 'Articles' } },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'section', 'published', '_status'],
    // Draft preview in both languages through Next's draft mode (app/api/cms/preview).
    preview: (doc, { locale }) => `/api/cms/preview?id=${encodeURIComponent(String(doc.id))}&locale=${encodeURIComponent(locale)}`,
  },
  access: {
    // Readers never talk to the CMS: pages read through lib/content with the Local API.
    read: ({ req }) => Boolean(req.user),
    create: ({ req }) => Boolean(req.user),
    update: ({ req }) => Boolean(req.user),
    delete: ({ req }) => Boolean(req.user),
    readVersions: ({ req }) => Boolean(req.user),
  },
  versions: {
    drafts: { schedulePublish: true },
    maxPerDoc: 50,
  },
  fields: [
    { name: 'title', type: 'text', localized: true, validate: requiredWhenPublished },
    { name: 'slug', type: 'text', localized: true, index: true, validate: validateSlug },
    { name: 'dek', type: 'textarea', localized: true },
    {
      name: 'body',
      type: 'textarea',
      localized: true,
      validate: validateBody,
      admin: { description: { en: 'Markdown. Embeds: ::embed{provider="youtube" id="…" title="…"}', fr: 'Markdown. Intégrations : ::embed{provider="youtube" id="…" title="…"}' } },
    },
    { name: 'section', type: 'relationship', relationTo: 'sections', required: true },
    { name: 'tags', type: 'relationship', relationTo: 'tags', hasMany: true },
    {
      name: 'authors',
      type: 'array',
      minRows: 1,
      required: true,
      fields: [
        { name: 'name', type: 'text', required: true },
        { name: 'organization', type: 'checkbox', defaultValue: false },
      ],
    },
    { name: 'published', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'updated', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'lead', type: 'checkbox', defaultValue: false },
    {
      name: 'hero',
      type: 'group',
      fields: [
        {
          name: 'image',
          type: 'upload',
          relationTo: 'media',
          validate: validateHeroImage,
          admin: {
            description: {
              en: 'An uploaded image (its size and alt text come with it), or a path under /images/ below.',
              fr: 'Une image téléversée (sa taille et son texte de remplacement l’accompagnent), ou un chemin sous /images/ ci-dessous.',
            },
          },
        },
        { name: 'src', type: 'text', validate: validateHeroSrc, admin: { condition: (data, sibling) => !imageChosen(data, sibling) } },
        { name: 'width', type: 'number', validate: validateHeroSize, admin: { condition: (data, sibling) => !imageChosen(data, sibling) } },
        { name: 'height', type: 'number', validate: validateHeroSize, admin: { condition: (data, sibling) => !imageChosen(data, sibling) } },
        {
          name: 'alt',
          type: 'text',
          localized: true,
          admin: { description: { en: 'Leave empty to use the image’s own alt text.', fr: 'Laissez vide pour reprendre le texte de remplacement de l’image.' } },
        },
        { name: 'caption', type: 'text', localized: true },
        { name: 'credit', type: 'text', required: true },
      ],
    },
    {
      name: 'corrections',
      type: 'array',
      localized: true,
      labels: { singular: { en: 'Correction', fr: 'Correction' }, plural: { en: 'Corrections', fr: 'Corrections' } },
      fields: [
        { name: 'date', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'note', type: 'textarea', required: true },
      ],
    },
    { name: 'key', type: 'text', unique: true, index: true, hooks: { beforeValidate: [fillKey] }, admin: { position: 'sidebar', readOnly: false } },
    { name: 'formerSlugs', type: 'json', localized: true, admin: { hidden: true } },
  ],
  endpoints: [
    {
      // The admin schedules from its publish menu; newsroom tools (and tests) over REST:
      // POST /cms/api/articles/<id>/schedule {"at": ISO time, "type": "publish" | "unpublish"}.
      path: '/:id/schedule',
      method: 'post',
      handler: scheduleEndpoint,
    },
  ],
  hooks: {
    beforeChange: [keepFormerSlugs, correctionsMoveUpdated],
    afterChange: [({ req }) => publishContentChange(req, 'article changed')],
    afterDelete: [({ req }) => publishContentChange(req, 'article deleted')],
  },
};

