import { describe, expect, it } from '@jest/globals';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AppError, ErrorCode } from '../../src/common/app-error';
import { createValidationPipe, FieldProblem } from '../../src/common/validation';
import { validationText } from '../../src/common/validation-messages';

enum Tone {
  Warm = 'warm',
  Formal = 'formal',
}

class SlotInput {
  @IsString()
  @Matches(/^\d{2}:\d{2}$/, { message: 'time must look like 09:30' })
  time!: string;
}

class ProductInput {
  @IsString()
  @MaxLength(120)
  name!: string;

  @IsInt()
  @Min(1000)
  @Max(50_000_000)
  priceRupiah!: number;

  @IsIn(['instagram', 'facebook'])
  network!: string;

  @IsEnum(Tone)
  tone!: Tone;

  @IsUUID('4', { each: true })
  @ArrayMaxSize(2)
  mediaIds!: string[];

  @IsISO8601({ strict: true })
  scheduledAt!: string;

  @Length(3, 8)
  sku!: string;

  @ValidateNested({ each: true })
  @Type(() => SlotInput)
  slots!: SlotInput[];
}

const VALID = {
  name: 'Kursi rotan',
  priceRupiah: 150_000,
  network: 'instagram',
  tone: 'warm',
  mediaIds: ['0b4f6c2e-8a1d-4c3b-9f2e-1d2c3b4a5e6f'],
  scheduledAt: '2026-11-29T09:00:00+07:00',
  sku: 'KR-01',
  slots: [{ time: '09:30' }],
};

/** The pipe's refusal of `body` sent to a ProductInput endpoint. */
async function refusal(body: Record<string, unknown>): Promise<AppError> {
  const pipe = createValidationPipe();
  const error = await pipe
    .transform({ ...VALID, ...body }, { type: 'body', metatype: ProductInput })
    .then(
      () => null,
      (e: unknown) => e,
    );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

const problems = (error: AppError) => error.details as FieldProblem[];

describe('validation messages in both languages', () => {
  it('names the field and the rule’s own values', () => {
    expect(validationText('name', 'maxLength', { constraints: [120] })).toEqual({
      id: "Kolom 'name' paling banyak 120 karakter",
      en: "Field 'name' must be at most 120 characters long",
    });
    expect(validationText('sku', 'isLength', { constraints: [3, 8] })).toEqual({
      id: "Kolom 'sku' harus 3–8 karakter",
      en: "Field 'sku' must be 3 to 8 characters long",
    });
    expect(validationText('network', 'isIn', { constraints: [['instagram', 'x']] })).toEqual({
      id: "Kolom 'network' harus salah satu dari: instagram, x",
      en: "Field 'network' must be one of: instagram, x",
    });
  });

  it('words a rule on every item of a list, and a field the endpoint does not take', () => {
    expect(validationText('ids', 'isUuid', { constraints: ['4'], each: true })).toEqual({
      id: "Setiap isi kolom 'ids' harus berupa UUID",
      en: "Each value in field 'ids' must be a UUID",
    });
    expect(validationText('extra', 'whitelistValidation')).toEqual({
      id: "Kolom 'extra' tidak dikenal; hapus dari permintaan",
      en: "Field 'extra' is not allowed; remove it from the request",
    });
  });

  it('still names the field and rule when the rule is unknown or its values are missing', () => {
    expect(validationText('code', 'isHexColor')).toEqual({
      id: "Kolom 'code' tidak valid (isHexColor)",
      en: "Field 'code' is invalid (isHexColor)",
    });
    expect(validationText('n', 'min').id).toBe("Kolom 'n' tidak valid (min)");
  });
});

describe('the global validation pipe', () => {
  it('refuses with the first field in both languages and every broken rule in details', async () => {
    const error = await refusal({ name: 'x'.repeat(121), priceRupiah: 500 });
    expect(error.code).toBe(ErrorCode.ValidationFailed);
    expect(error.field).toBe('name');
    expect(error.text).toEqual({
      id: "Kolom 'name' paling banyak 120 karakter",
      en: "Field 'name' must be at most 120 characters long",
    });
    expect(problems(error)).toEqual([
      { field: 'name', rule: 'maxLength', message: error.text },
      {
        field: 'priceRupiah',
        rule: 'min',
        message: {
          id: "Kolom 'priceRupiah' paling kecil 1000",
          en: "Field 'priceRupiah' must be at least 1000",
        },
      },
    ]);
  });

  it('fills choices, bounds and list rules from the DTO’s decorators', async () => {
    const error = await refusal({
      priceRupiah: 60_000_000,
      network: 'tiktok',
      tone: 'loud',
      mediaIds: ['a', 'b', 'c'],
      scheduledAt: 'besok',
      sku: 'AB',
    });
    const byField = Object.fromEntries(problems(error).map((p) => [`${p.field}:${p.rule}`, p]));
    expect(byField['priceRupiah:max'].message.id).toBe("Kolom 'priceRupiah' paling besar 50000000");
    expect(byField['network:isIn'].message.en).toBe(
      "Field 'network' must be one of: instagram, facebook",
    );
    expect(byField['tone:isEnum'].message.id).toBe(
      "Kolom 'tone' harus salah satu dari: warm, formal",
    );
    expect(byField['mediaIds:isUuid'].message.id).toBe(
      "Setiap isi kolom 'mediaIds' harus berupa UUID",
    );
    expect(byField['mediaIds:arrayMaxSize'].message.en).toBe(
      "Field 'mediaIds' must hold at most 2 items",
    );
    expect(byField['scheduledAt:isIso8601'].message.en).toMatch(/ISO 8601/);
    expect(byField['sku:isLength'].message.id).toBe("Kolom 'sku' harus 3–8 karakter");
  });

  it('names nested fields by path and keeps a DTO’s own format hint in English', async () => {
    const error = await refusal({ slots: [{ time: '09:30' }, { time: '9.30' }] });
    expect(error.field).toBe('slots[1].time');
    expect(error.text).toEqual({
      id: "Kolom 'slots[1].time' tidak sesuai format yang diminta",
      en: "Field 'slots[1].time' does not have the required format (time must look like 09:30)",
    });
  });

  it('names a field the endpoint does not take, and never puts the request into details', async () => {
    const error = await refusal({ ownerId: 'x' });
    expect(error.field).toBe('ownerId');
    expect(error.text.id).toBe("Kolom 'ownerId' tidak dikenal; hapus dari permintaan");
    expect(JSON.stringify(error.details)).not.toContain('Kursi rotan');
  });
});
