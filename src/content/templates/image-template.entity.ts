import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SocialNetwork, Template } from '../rendering/template';

/**
 * One version of an image template. Rows are never changed: a new version is a new row, so a
 * post keeps rendering with the version it was made with. Built-ins have no institution.
 */
@Entity({ name: 'image_templates' })
export class ImageTemplate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'institution_id', nullable: true })
  institutionId: string | null;

  /** The template's `id` in its JSON; stable across versions. */
  @Column('text')
  key: string;

  @Column('integer')
  version: number;

  @Column('text')
  name: string;

  @Column('text', { array: true })
  networks: SocialNetwork[];

  /** The parsed template with every default spelled out, so later schema defaults never change it. */
  @Column('jsonb')
  definition: Template;

  @Column('boolean', { name: 'is_builtin' })
  isBuiltin: boolean;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
