import sharp from 'sharp';
import { DemoDrawing } from './demo-data';

const SIZE = 1200;

/** Simple product illustrations (objects only, never people) so the demo has cleared photos. */
const DRAWINGS: Record<DemoDrawing, (c: string, a: string) => string> = {
  shirt: (c, a) => `
    <path d="M420 260 L520 220 Q600 290 680 220 L780 260 L900 400 L800 470 L760 430 L760 960 L440 960 L440 430 L400 470 L300 400 Z" fill="${c}"/>
    <path d="M520 220 Q600 300 680 220" stroke="${a}" stroke-width="18" fill="none"/>
    <rect x="540" y="520" width="120" height="120" rx="20" fill="${a}" opacity="0.85"/>`,
  cloth: (c, a) => {
    const motifs = Array.from({ length: 6 }, (_, i) =>
      Array.from({ length: 7 }, (_, j) => {
        const x = 300 + i * 110;
        const y = 230 + j * 110;
        return `<path d="M${x} ${y + 40} Q${x + 40} ${y} ${x + 80} ${y + 40} Q${x + 40} ${y + 80} ${x} ${y + 40} Z" fill="${a}"/>`;
      }).join(''),
    ).join('');
    return `<rect x="250" y="200" width="720" height="800" rx="12" fill="${c}"/>${motifs}`;
  },
  bag: (c, a) => `
    <path d="M420 420 Q600 160 780 420" stroke="${a}" stroke-width="30" fill="none"/>
    <rect x="330" y="420" width="540" height="480" rx="60" fill="${c}"/>
    <rect x="330" y="520" width="540" height="40" fill="${a}" opacity="0.7"/>
    <circle cx="600" cy="600" r="30" fill="${a}"/>`,
  ship: (c, a) => `
    <path d="M250 760 L950 760 L860 900 L340 900 Z" fill="${c}"/>
    <rect x="585" y="260" width="18" height="500" fill="${c}"/>
    <rect x="415" y="300" width="14" height="460" fill="${c}"/>
    <path d="M603 280 L820 700 L603 700 Z" fill="${a}"/>
    <path d="M429 320 L560 700 L429 700 Z" fill="${a}"/>
    <path d="M585 300 L300 700 L585 700 Z" fill="${a}" opacity="0.8"/>`,
  wallet: (c, a) => `
    <rect x="300" y="380" width="600" height="420" rx="40" fill="${c}"/>
    <rect x="300" y="380" width="600" height="120" rx="40" fill="${a}" opacity="0.35"/>
    <path d="M300 560 L900 560" stroke="${a}" stroke-width="8" stroke-dasharray="24 16"/>
    <circle cx="820" cy="600" r="30" fill="${a}"/>`,
  bread: (c, a) => `
    <ellipse cx="600" cy="640" rx="360" ry="200" fill="${c}"/>
    <ellipse cx="600" cy="600" rx="330" ry="160" fill="${c}" stroke="${a}" stroke-width="10"/>
    <path d="M420 560 Q460 520 500 560 M560 540 Q600 500 640 540 M700 560 Q740 520 780 560" stroke="${a}" stroke-width="14" fill="none"/>`,
  block: (c, a) => `
    <path d="M240 520 Q600 300 960 520 L960 800 Q600 1000 240 800 Z" fill="${a}"/>
    <rect x="330" y="470" width="540" height="320" rx="30" fill="${c}"/>
    <circle cx="420" cy="560" r="14" fill="#d9c7a0"/><circle cx="520" cy="640" r="12" fill="#d9c7a0"/>
    <circle cx="640" cy="560" r="14" fill="#d9c7a0"/><circle cx="760" cy="680" r="12" fill="#d9c7a0"/>`,
  chair: (c, a) => `
    <rect x="420" y="240" width="360" height="330" rx="20" fill="${c}"/>
    <rect x="380" y="560" width="440" height="70" rx="16" fill="${a}"/>
    <rect x="410" y="630" width="36" height="330" rx="18" fill="${a}"/>
    <rect x="754" y="630" width="36" height="330" rx="18" fill="${a}"/>
    <rect x="430" y="280" width="340" height="20" fill="${a}" opacity="0.4"/>`,
  cup: (c, a) => `
    <path d="M380 440 L820 440 L770 880 Q600 940 430 880 Z" fill="${a}"/>
    <ellipse cx="600" cy="440" rx="220" ry="50" fill="${c}"/>
    <path d="M815 520 Q960 560 800 740" stroke="${a}" stroke-width="40" fill="none"/>
    <path d="M540 300 Q500 240 560 190 M640 300 Q600 240 660 190" stroke="#9e9e9e" stroke-width="12" fill="none" opacity="0.7"/>`,
};

export async function renderDemoProductImage(
  drawing: DemoDrawing,
  colour: string,
  accent: string,
): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
    <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#FAF7F2"/><stop offset="1" stop-color="#E9E2D6"/></linearGradient></defs>
    <rect width="${SIZE}" height="${SIZE}" fill="url(#bg)"/>
    <ellipse cx="600" cy="1010" rx="420" ry="40" fill="#000" opacity="0.08"/>
    ${DRAWINGS[drawing](colour, accent)}
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}
