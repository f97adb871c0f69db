import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ConsentRecord } from '../consent/consent-record.entity';
import { ConsentService } from '../consent/consent.service';
import {
  type ClearanceAssessment,
  type ConsentChannel,
  assessClearance,
  summarizeClearance,
} from './clearance';
import type { MediaAsset } from './media-asset.entity';
import { MediaResponse, toMediaResponse } from './media.dto';
import { MediaRepository } from './media.repository';

/**
 * Joins photos with their consent and institution time zone, and applies the clearance rule:
 * the one place where "is this photo usable" is answered for responses and for later features.
 */
@Injectable()
export class MediaPresenter {
  constructor(
    private readonly media: MediaRepository,
    private readonly consents: ConsentService,
    private readonly clock: Clock,
  ) {}

  async present(assets: readonly MediaAsset[]): Promise<MediaResponse[]> {
    const { consents, zones } = await this.context(assets);
    const now = this.clock.now();
    return assets.map((asset) =>
      toMediaResponse(
        asset,
        summarizeClearance(
          asset,
          consents.get(asset.consentRecordId ?? '') ?? null,
          now,
          zones.get(asset.institutionId),
        ),
      ),
    );
  }

  async presentOne(asset: MediaAsset): Promise<MediaResponse> {
    return (await this.present([asset]))[0];
  }

  /** Clearance of each photo for one channel at one instant, keyed by photo id. */
  async assess(
    assets: readonly MediaAsset[],
    channel: ConsentChannel,
    at: Date,
  ): Promise<Map<string, ClearanceAssessment>> {
    const { consents, zones } = await this.context(assets);
    return new Map(
      assets.map((asset) => [
        asset.id,
        assessClearance(
          asset,
          consents.get(asset.consentRecordId ?? '') ?? null,
          channel,
          at,
          zones.get(asset.institutionId),
        ),
      ]),
    );
  }

  private async context(assets: readonly MediaAsset[]): Promise<{
    consents: Map<string, ConsentRecord>;
    zones: Map<string, string>;
  }> {
    const consentIds = [
      ...new Set(assets.map((a) => a.consentRecordId).filter((id): id is string => id !== null)),
    ];
    // Sequential, not Promise.all: the embedded PGlite serves one statement at a time.
    const records = await this.consents.findByIds(consentIds);
    const zones = await this.media.timeZones(assets.map((a) => a.institutionId));
    return { consents: new Map(records.map((c) => [c.id, c])), zones };
  }
}
