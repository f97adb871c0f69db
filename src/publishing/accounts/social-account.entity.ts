import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { SocialNetwork } from '../../content/rendering/template';

export const SOCIAL_ACCOUNT_KINDS = ['live', 'sandbox'] as const;
export type SocialAccountKind = (typeof SOCIAL_ACCOUNT_KINDS)[number];

export const SOCIAL_ACCOUNT_STATUSES = ['connected', 'needs_reauth', 'disabled'] as const;
export type SocialAccountStatus = (typeof SOCIAL_ACCOUNT_STATUSES)[number];

/**
 * An institution's account on a network. A sandbox account publishes into the app's own feed
 * (demo, training). Credentials of live accounts are not on this row: they are kept encrypted
 * in social_account_credentials (AccountCredentialsService).
 */
@Entity({ name: 'social_accounts' })
export class SocialAccount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId: string;

  @Column('text')
  network: SocialNetwork;

  @Column('text')
  kind: SocialAccountKind;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('text', { nullable: true })
  handle: string | null;

  /** The platform's id for the account (page id, IG user id); for sandboxes a local key. */
  @Column('text', { name: 'external_id', nullable: true })
  externalId: string | null;

  @Column('text')
  status: SocialAccountStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
