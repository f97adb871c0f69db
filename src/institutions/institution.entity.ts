import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const INSTITUTION_KINDS = ['lapas', 'rutan', 'lpka', 'lpp', 'bapas'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

/** WIB (Jakarta, Pontianak), WITA (Makassar), WIT (Jayapura); no daylight saving. */
export const INSTITUTION_TIME_ZONES = [
  'Asia/Jakarta',
  'Asia/Pontianak',
  'Asia/Makassar',
  'Asia/Jayapura',
] as const;
export type InstitutionTimeZone = (typeof INSTITUTION_TIME_ZONES)[number];

@Entity({ name: 'institutions' })
export class Institution {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  slug: string;

  @Column('text')
  kind: InstitutionKind;

  @Column('text')
  region: string;

  @Column('text', { name: 'time_zone' })
  timeZone: InstitutionTimeZone;

  @Column('text', { name: 'brand_primary' })
  brandPrimary: string;

  @Column('text', { name: 'brand_secondary' })
  brandSecondary: string;

  @Column('text', { name: 'brand_text' })
  brandText: string;

  /** Storage key of the logo image, used by image templates. */
  @Column('text', { name: 'logo_key', nullable: true })
  logoKey: string | null;

  /** The official institution hotline: the dignity check must not flag it. */
  @Column('text', { nullable: true })
  hotline: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
