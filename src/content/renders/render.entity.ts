import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A rendered image, cached by content: one row per (institution, cache key). The file is served
 * publicly under `public_token`, a random secret unrelated to the content, because Instagram and
 * Facebook fetch images themselves and must not be able to guess other institutions' images.
 */
@Entity({ name: 'renders' })
export class Render {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId: string;

  /** renderCacheKey of the inputs; carousel slides add their position. */
  @Column('text', { name: 'cache_key' })
  cacheKey: string;

  @Column('uuid', { name: 'image_template_id' })
  imageTemplateId: string;

  @Column('text', { name: 'storage_key' })
  storageKey: string;

  @Column('text', { name: 'public_token' })
  publicToken: string;

  @Column('text', { name: 'mime_type' })
  mimeType: string;

  @Column('integer')
  width: number;

  @Column('integer')
  height: number;

  @Column('integer', { name: 'byte_size' })
  byteSize: number;

  @Column('text', { name: 'alt_text' })
  altText: string;

  /** The photos shown; the public URL answers only while every one of them is cleared. */
  @Column('uuid', { name: 'media_asset_ids', array: true })
  mediaAssetIds: string[];

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
