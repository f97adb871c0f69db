import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InstitutionCreatedHooks } from './institution-created-hooks';
import { InstitutionController } from './institution.controller';
import { Institution } from './institution.entity';
import { InstitutionRepository } from './institution.repository';
import { InstitutionService } from './institution.service';

@Module({
  imports: [TypeOrmModule.forFeature([Institution])],
  controllers: [InstitutionController],
  providers: [InstitutionRepository, InstitutionService, InstitutionCreatedHooks],
  exports: [InstitutionRepository, InstitutionCreatedHooks],
})
export class InstitutionModule {}
