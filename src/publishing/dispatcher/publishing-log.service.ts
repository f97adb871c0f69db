import { Injectable } from '@nestjs/common';
import type { RequestScope } from '../../auth/request-scope';
import { AppError } from '../../common/app-error';
import { PageQueryDto, pageOf, pageOffset } from '../../common/pagination';
import { toAttemptResponse, toSandboxPostResponse } from './dispatcher.dto';
import { DispatcherRepository } from './dispatcher.repository';

/** What the dispatcher left behind, for people: the sandbox feed and each post's attempt log. */
@Injectable()
export class PublishingLogService {
  constructor(private readonly repo: DispatcherRepository) {}

  async feed(scope: RequestScope, query: PageQueryDto) {
    const [rows, total] = await this.repo.feed(
      scope.institutionFilter,
      pageOffset(query),
      query.pageSize,
    );
    return pageOf(rows.map(toSandboxPostResponse), total, query);
  }

  async attempts(scope: RequestScope, postId: string) {
    const institutionId = await this.repo.postInstitution(postId);
    if (!institutionId || !scope.canSee(institutionId)) {
      throw AppError.notFound({ id: 'Postingan', en: 'Post' });
    }
    return { items: (await this.repo.attemptsOfPost(postId)).map(toAttemptResponse) };
  }
}
