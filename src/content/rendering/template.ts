/**
 * An image template is data: this schema is its contract. Built-ins live in assets/templates as
 * JSON; institution templates will be stored versioned in the database and go through the same
 * `parseTemplate`, so a bad template is refused with the path of the offending field
 * (`texts[2].binding`) before anything renders.
 */
import { z } from 'zod';
import { AppError } from '../../common/app-error';

export const SOCIAL_NETWORKS = ['instagram', 'facebook', 'x'] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

export const BRAND_COLOUR_REFS = ['brand.primary', 'brand.secondary', 'brand.text'] as const;

export const TEXT_BINDINGS = [
  'product.name',
  'product.price',
  'product.oldPrice',
  'discount',
  'tagline',
  'institution.name',
  'workshop.name',
  'cta',
] as const;
export type TextBinding = (typeof TEXT_BINDINGS)[number];

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

const colour = z
  .string()
  .refine(
    (v) => HEX_COLOUR.test(v) || (BRAND_COLOUR_REFS as readonly string[]).includes(v),
    'must be #rrggbb or one of brand.primary, brand.secondary, brand.text',
  );

const px = z.int().min(0).max(8192);
const size = z.int().min(1).max(8192);
const opacity = z.number().min(0).max(1).default(1);

const linearGradient = z.strictObject({
  type: z.literal('linear'),
  /** CSS convention: 0 points up, 90 right, 180 down. */
  angle: z.number().min(0).max(360).default(180),
  stops: z
    .array(z.strictObject({ offset: z.number().min(0).max(1), colour, opacity }))
    .min(2)
    .max(8)
    .refine((stops) => stops.every((s, i) => i === 0 || s.offset >= stops[i - 1].offset), {
      message: 'offsets must not decrease',
    }),
});

/** A fill: a plain colour or a linear gradient (whose stops may fade to transparent). */
const paint = z.union([colour, linearGradient]);

const background = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('colour'), colour }),
  linearGradient,
  z.strictObject({
    type: z.literal('image'),
    /** `photo`: one of the render's photos (the slide's own in a carousel); `input`: a supplied backdrop. */
    source: z.enum(['photo', 'input']),
    photoIndex: z.int().min(0).max(9).default(0),
    blur: z.number().min(0).max(100).default(0),
    tint: z.strictObject({ colour, opacity }).optional(),
  }),
]);

const layer = z.enum(['below', 'above']).default('below');

const shape = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('rect'),
    x: px,
    y: px,
    w: size,
    h: size,
    radius: px.default(0),
    fill: paint,
    opacity,
    /** `below` the photos (a backdrop) or `above` them (a scrim behind text). */
    layer,
  }),
  z.strictObject({
    type: z.literal('circle'),
    cx: px,
    cy: px,
    r: size,
    fill: paint,
    opacity,
    layer,
  }),
]);

const photoFrame = z.strictObject({
  x: px,
  y: px,
  w: size,
  h: size,
  fit: z.enum(['cover', 'contain']).default('cover'),
  /** Which part survives a cover crop; `attention` follows the most salient region. */
  position: z.enum(['centre', 'attention', 'entropy']).default('centre'),
  radius: px.default(0),
  /** Which photo of the render goes here; defaults to the frame's own index. */
  photoIndex: z.int().min(0).max(9).optional(),
});

const logo = z.strictObject({
  x: px,
  y: px,
  size,
  radius: px.default(0),
  /** A plate behind the logo so any logo reads on any background. */
  plate: colour.optional(),
  padding: px.default(0),
});

const textBackground = z.strictObject({
  fill: colour,
  opacity,
  paddingX: px.default(0),
  paddingY: px.default(0),
  radius: z.union([px, z.literal('full')]).default(0),
  /** `text`: the pill hugs the text; `box`: it fills the whole text box. */
  fit: z.enum(['text', 'box']).default('text'),
});

const text = z.strictObject({
  binding: z.enum(TEXT_BINDINGS),
  x: px,
  y: px,
  w: size,
  h: size,
  fontSize: z.int().min(8).max(400),
  minFontSize: z.int().min(8).max(400),
  /** One of the bundled weights (FONT_WEIGHTS). */
  weight: z.union([z.literal(400), z.literal(700), z.literal(800)]).default(700),
  colour,
  align: z.enum(['left', 'centre', 'right']).default('left'),
  valign: z.enum(['top', 'middle', 'bottom']).default('top'),
  maxLines: z.int().min(1).max(8).default(2),
  /** Baseline-to-baseline distance as a multiple of the font size. */
  lineHeight: z.number().min(0.8).max(2).default(1.15),
  letterSpacing: z.number().min(-5).max(40).default(0),
  uppercase: z.boolean().default(false),
  strike: z.boolean().default(false),
  prefix: z.string().max(40).default(''),
  suffix: z.string().max(40).default(''),
  /** Shown when the bound variable is absent (e.g. a default call to action). */
  fallback: z.string().max(120).optional(),
  /** Absent variable and no fallback: an error instead of leaving the field out. */
  required: z.boolean().default(false),
  background: textBackground.optional(),
  /** Carousels only: which slides show this text. */
  slides: z.enum(['all', 'first', 'rest', 'last']).default('all'),
});

const carousel = z.strictObject({
  minSlides: z.int().min(2).max(10).default(2),
  maxSlides: z.int().min(2).max(10).default(10),
  /** Page dots, centred on x; the current slide's dot uses activeColour. */
  indicator: z
    .strictObject({
      x: px,
      y: px,
      dot: z.int().min(4).max(64),
      gap: px,
      colour,
      activeColour: colour,
    })
    .optional(),
});

export const templateSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens')
      .max(60),
    version: z.int().min(1),
    name: z.string().min(1).max(120),
    description: z.string().max(500).optional(),
    networks: z
      .array(z.enum(SOCIAL_NETWORKS))
      .min(1)
      .refine((n) => new Set(n).size === n.length, 'must not repeat a network'),
    canvas: z.strictObject({
      width: z.int().min(320).max(4096),
      height: z.int().min(320).max(4096),
    }),
    background,
    shapes: z.array(shape).max(20).default([]),
    photoFrames: z.array(photoFrame).min(1).max(10),
    logo: logo.optional(),
    texts: z.array(text).max(20),
    carousel: carousel.optional(),
  })
  .superRefine(checkGeometry);

export type Template = z.output<typeof templateSchema>;
export type TemplateText = Template['texts'][number];
export type PhotoFrame = Template['photoFrames'][number];
export type Paint = z.output<typeof paint>;
export type ColourRef = z.output<typeof colour>;

/** Cross-field rules: everything inside the canvas, sizes consistent, carousel shape. */
function checkGeometry(t: Template, ctx: z.RefinementCtx): void {
  const { width, height } = t.canvas;
  const inside = (path: (string | number)[], x: number, y: number, w: number, h: number) => {
    if (x + w > width) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'w'],
        message: `x + w = ${x + w} is beyond the canvas width ${width}`,
      });
    }
    if (y + h > height) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'h'],
        message: `y + h = ${y + h} is beyond the canvas height ${height}`,
      });
    }
  };
  t.photoFrames.forEach((f, i) => inside(['photoFrames', i], f.x, f.y, f.w, f.h));
  t.texts.forEach((s, i) => {
    inside(['texts', i], s.x, s.y, s.w, s.h);
    if (s.minFontSize > s.fontSize) {
      ctx.addIssue({
        code: 'custom',
        path: ['texts', i, 'minFontSize'],
        message: 'must not exceed fontSize',
      });
    }
    const pad = s.background;
    if (pad && (pad.paddingX * 2 >= s.w || pad.paddingY * 2 >= s.h)) {
      ctx.addIssue({
        code: 'custom',
        path: ['texts', i, 'background'],
        message: 'padding leaves no room for text',
      });
    }
  });
  if (t.logo) {
    inside(['logo'], t.logo.x, t.logo.y, t.logo.size, t.logo.size);
    if (t.logo.padding * 2 >= t.logo.size) {
      ctx.addIssue({
        code: 'custom',
        path: ['logo', 'padding'],
        message: 'padding leaves no room for the logo',
      });
    }
  }
  t.shapes.forEach((s, i) => {
    if (s.type === 'rect') inside(['shapes', i], s.x, s.y, s.w, s.h);
  });
  if (t.carousel) {
    if (t.carousel.minSlides > t.carousel.maxSlides) {
      ctx.addIssue({
        code: 'custom',
        path: ['carousel', 'minSlides'],
        message: 'must not exceed maxSlides',
      });
    }
    if (t.photoFrames.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['photoFrames'],
        message: 'a carousel has exactly one photo frame (one photo per slide)',
      });
    }
  } else if (t.texts.some((s) => s.slides !== 'all')) {
    const i = t.texts.findIndex((s) => s.slides !== 'all');
    ctx.addIssue({
      code: 'custom',
      path: ['texts', i, 'slides'],
      message: 'only carousels have slides',
    });
  }
}

/** `['texts', 2, 'binding']` → `texts[2].binding`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

export interface TemplateIssue {
  path: string;
  message: string;
}

/** Validates template JSON; the error names the first offending path and lists every issue. */
export function parseTemplate(json: unknown): Template {
  const result = templateSchema.safeParse(json);
  if (result.success) return result.data;
  const issues: TemplateIssue[] = result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: formatPath([...issue.path, key]),
          message: 'unknown field',
        }))
      : [{ path: formatPath(issue.path) || 'template', message: issue.message }],
  );
  const first = issues[0];
  return invalidTemplate(first.path, first.message, issues);
}

function invalidTemplate(path: string, message: string, issues: TemplateIssue[]): never {
  throw AppError.validation(
    path,
    {
      id: `Template tidak valid pada ${path}: ${message}`,
      en: `Invalid template at ${path}: ${message}`,
    },
    { issues },
  );
}
