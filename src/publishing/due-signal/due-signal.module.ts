import { Module } from '@nestjs/common';
import { DueSignal } from './due-signal';

/** No imports: content and calendar may ring the dispatcher without depending on it. */
@Module({ providers: [DueSignal], exports: [DueSignal] })
export class DueSignalModule {}
