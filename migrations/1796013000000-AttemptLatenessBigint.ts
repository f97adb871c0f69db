import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An attempt's lateness in milliseconds overflows a 32-bit integer once a target is about 25 days
 * late (a long pause, an outage): the attempt row could not be written and the target was never
 * tried. 64 bits hold any lateness.
 */
export class AttemptLatenessBigint1796013000000 implements MigrationInterface {
  name = 'AttemptLatenessBigint1796013000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE publish_attempts ALTER COLUMN lateness_ms TYPE bigint`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE publish_attempts ALTER COLUMN lateness_ms TYPE integer
         USING least(lateness_ms, 2147483647)::integer`,
    );
  }
}
