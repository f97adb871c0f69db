/**
 * A template may claim only networks whose rules its output obeys. Geometry alone cannot tell
 * (format, colour space and size come from the encoder), so the template is rendered once with
 * generated stand-ins for photos, logo and text, and the real bytes are checked.
 */
import '../../config/fontconfig';
import sharp from 'sharp';
import { AppError, ErrorCode } from '../../common/app-error';
import { checkNetworkRules, NetworkRuleViolation } from '../rendering/network-rules';
import type { RenderInput } from '../rendering/render-input';
import { renderTemplate } from '../rendering/renderer';
import type { Template } from '../rendering/template';
import { photoCountRange } from './template-photos';

const SAMPLE_VARIABLES: RenderInput['variables'] = {
  product: { name: 'Contoh Produk', priceRupiah: 100_000, oldPriceRupiah: 125_000 },
  institution: { name: 'Lapas Contoh' },
  workshop: { name: 'Bengkel Contoh' },
  tagline: 'Contoh tagline',
  cta: 'Pesan sekarang',
};

const SAMPLE_BRAND = { primary: '#1f3a5f', secondary: '#f2c14e', text: '#ffffff' };

let samples: Promise<{ photo: Buffer; logo: Buffer }> | undefined;

function sampleImages(): Promise<{ photo: Buffer; logo: Buffer }> {
  samples ??= Promise.all([
    sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#8a6a4a' } })
      .jpeg()
      .toBuffer(),
    sharp({
      create: {
        width: 200,
        height: 200,
        channels: 4,
        background: { r: 255, g: 255, b: 255, alpha: 0.8 },
      },
    })
      .png()
      .toBuffer(),
  ]).then(([photo, logo]) => ({ photo, logo }));
  return samples;
}

/** Violations of the template's own networks by a sample render; empty when it may claim them. */
export async function sampleRenderViolations(template: Template): Promise<NetworkRuleViolation[]> {
  const { photo, logo } = await sampleImages();
  const outputs = await renderTemplate(template, {
    photos: Array.from({ length: photoCountRange(template).min }, () => photo),
    logo,
    backgroundImage: photo,
    brand: SAMPLE_BRAND,
    variables: SAMPLE_VARIABLES,
  }).catch((error: unknown) => {
    throw error instanceof AppError ? sampleFailure(error) : error;
  });
  return template.networks.flatMap((network) => checkNetworkRules(outputs[0], network));
}

function sampleFailure(error: AppError): AppError {
  return new AppError(
    ErrorCode.UnprocessableEntity,
    {
      id: `Template tidak dapat menampilkan contoh isi: ${error.text.id}`,
      en: `The template cannot render sample content: ${error.text.en}`,
    },
    'definition',
    { cause: { field: error.field, details: error.details } },
  );
}
