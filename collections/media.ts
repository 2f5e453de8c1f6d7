import type { CollectionBeforeDeleteHook, CollectionBeforeOperationHook, CollectionConfig } from 'payload';
import { APIError } from 'payload';
import { contentAddressedName, hashUpload, MEDIA_MIME_TYPES, mediaDir } from '@/lib/content/media-file';
import { publishContentChange } from '@/lib/publishing/cms-hooks';

/**
 * Every upload is stored under a name made of its content hash, so its public
 * URL (/media/<name>) can be cached for a year (lib/content/media-file.ts).
 */
const nameByContent: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  const file = req.file;
  if ((operation === 'create' || operation === 'update') && file) {
    file.name = contentAddressedName(file.name, await hashUpload(file), file.mimetype);
  }
  return args;
};

/**
 * An image that is an article's hero (published or in a draft) cannot be
 * deleted: the article would lose its hero and drop off the site.
 */
const keepImagesInUse: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const uses = await Promise.all(
    [false, true].map((draft) =>
      req.payload.find({ collection: 'articles', draft, where: { 'hero.image': { equals: id } }, limit: 1, depth: 0, req, overrideAccess: true }),
    ),
  );
  const count = Math.max(...uses.map((u) => u.totalDocs));
  if (count > 0) {
    const message =
      req.i18n?.language === 'fr'
        ? `Cette image est l’image principale de ${count} article(s) : choisissez-en une autre pour eux avant de la supprimer.`
        : `This image is the hero of ${count} article(s): choose another image for them before deleting it.`;
    const error = new APIError(message, 409, undefined, true);
    // Payload's REST error formatter shows the message of an error with a name; the production
    // build minifies class names away, and the editor got "An unknown error occurred".
    error.name = 'ImageInUse';
    throw error;
  }
};

/** Hero images uploaded by editors, with their alt text in each language. */
export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: { en: 'Image', fr: 'Image' }, plural: { en: 'Images', fr: 'Images' } },
  // The CMS API stays the newsroom's; readers load uploads at /media/<name> (app/media/[name]).
  access: { read: ({ req }) => Boolean(req.user) },
  upload: {
    staticDir: mediaDir(),
    mimeTypes: MEDIA_MIME_TYPES,
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      localized: true,
      required: true,
      admin: {
        description: {
          en: 'What the image shows, for readers who cannot see it. An article may give its own.',
          fr: 'Ce que montre l’image, pour qui ne la voit pas. Un article peut donner le sien.',
        },
      },
    },
  ],
  hooks: {
    beforeOperation: [nameByContent],
    beforeDelete: [keepImagesInUse],
    // A new alt text changes the pages whose hero this is.
    afterChange: [({ req, operation }) => (operation === 'update' ? publishContentChange(req, 'image changed') : undefined)],
  },
};
