import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import type { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import { PauseDto, ResumeDto } from './calendar.dto';
import { PublishingPauseService } from './pause.service';

@ApiTags('publishing')
@Controller('publishing/pause')
export class PauseController {
  constructor(private readonly pauses: PublishingPauseService) {}

  @Get()
  @RequirePermission(Permission.Read)
  state(@Scope() scope: RequestScope) {
    return this.pauses.state(scope);
  }

  @Post()
  @RequirePermission(Permission.PublishingPause)
  @ApiOperation({ summary: 'Pause all publishing (allInstitutions: national admins)' })
  pause(@Scope() scope: RequestScope, @Body() dto: PauseDto) {
    return this.pauses.pause(scope, dto);
  }

  @Get('due')
  @RequirePermission(Permission.PublishingPause)
  due(@Scope() scope: RequestScope) {
    return this.pauses.due(scope);
  }
}

@ApiTags('publishing')
@Controller('publishing/resume')
export class ResumeController {
  constructor(private readonly pauses: PublishingPauseService) {}

  @Post()
  @HttpCode(200)
  @RequirePermission(Permission.PublishingPause)
  resume(@Scope() scope: RequestScope, @Body() dto: ResumeDto) {
    return this.pauses.resume(scope, dto);
  }
}
