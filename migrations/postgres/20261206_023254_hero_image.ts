import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "articles" ADD COLUMN "hero_image_id" integer;
  ALTER TABLE "_articles_v" ADD COLUMN "version_hero_image_id" integer;
  ALTER TABLE "articles" ADD CONSTRAINT "articles_hero_image_id_media_id_fk" FOREIGN KEY ("hero_image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_articles_v" ADD CONSTRAINT "_articles_v_version_hero_image_id_media_id_fk" FOREIGN KEY ("version_hero_image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "articles_hero_hero_image_idx" ON "articles" USING btree ("hero_image_id");
  CREATE INDEX "_articles_v_version_hero_version_hero_image_idx" ON "_articles_v" USING btree ("version_hero_image_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "articles" DROP CONSTRAINT "articles_hero_image_id_media_id_fk";
  
  ALTER TABLE "_articles_v" DROP CONSTRAINT "_articles_v_version_hero_image_id_media_id_fk";
  
  DROP INDEX "articles_hero_hero_image_idx";
  DROP INDEX "_articles_v_version_hero_version_hero_image_idx";
  ALTER TABLE "articles" DROP COLUMN "hero_image_id";
  ALTER TABLE "_articles_v" DROP COLUMN "version_hero_image_id";`)
}
