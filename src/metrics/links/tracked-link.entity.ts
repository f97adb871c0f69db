import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** post: made for a post target; partner: made by staff; catalogue: the public catalogue's. */
export const TRACKED_LINK_KINDS = ['post', 'partner', 'catalogue'] as const;
export type TrackedLinkKind = (typeof TRACKED_LINK_KINDS)[number];

@Entity({ name: 'tracked_links' })
export class TrackedLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId: string;

  @Column('text')
  code: string;

  @Column('text')
  kind: TrackedLinkKind;

  @Column('uuid', { name: 'product_id' })
  productId: string;

  @Column('uuid', { name: 'post_target_id', nullable: true })
  postTargetId: string | null;

  /** Partner, influencer or news site; 'katalog' for the catalogue; null for post links. */
  @Column('text', { nullable: true })
  partner: string | null;

  /** The marketplace listing with UTM tags. */
  @Column('text', { name: 'destination_url' })
  destinationUrl: string;

  /** Null when the system made it (post and catalogue links). */
  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt: Date | null;
}
