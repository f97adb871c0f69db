import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Clearance } from './clearance';

/** A photo in the library: the stored (metadata-free) image, its thumbnail and its clearance. */
@Entity({ name: 'media_assets' })
export class MediaAsset {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId: string;

  @Column('uuid', { name: 'product_id', nullable: true })
  productId: string | null;

  @Column('uuid', { name: 'uploaded_by', nullable: true })
  uploadedBy: string | null;

  @Column('text', { name: 'storage_key' })
  storageKey: string;

  @Column('text', { name: 'thumbnail_key' })
  thumbnailKey: string;

  /** sha256 of the stored bytes */
  @Column('text', { name: 'content_hash' })
  contentHash: string;

  @Column('text', { name: 'original_filename' })
  originalFilename: string;

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

  @Column('text')
  clearance: Clearance;

  @Column('uuid', { name: 'consent_record_id', nullable: true })
  consentRecordId: string | null;

  @Column('uuid', { name: 'cleared_by', nullable: true })
  clearedBy: string | null;

  @Column('timestamptz', { name: 'cleared_at', nullable: true })
  clearedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
