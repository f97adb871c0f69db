import { Module } from '@nestjs/common';
import { DueSignal } from './due-signal';
import { DueSignalListener } from './due-signal-listener';

/**
 * No imports (the configuration and the DataSource are global): content and calendar may ring
 * the dispatcher without depending on it.
 */
@Module({ providers: [DueSignal, DueSignalListener], exports: [DueSignal] })
export class DueSignalModule {}
