import type { Config } from 'tailwindcss';

// The console's theme: semantic colours backed by CSS variables (see src/app/styles.css),
// so light and dark mode change the variables, never the class names.
const semantic = (name: string) => `rgb(var(--color-${name}) / <alpha-value>)`;

export default {
  content: ['./index.html', './src/**/*.{ts,tsx}'],
  darkMode: 'media',
  theme: {
    extend: {
      colors: {
        canvas: semantic('canvas'),
        surface: semantic('surface'),
        raised: semantic('raised'),
        border: semantic('border'),
        fg: semantic('fg'),
        muted: semantic('muted'),
        accent: semantic('accent'),
        'accent-fg': semantic('accent-fg'),
        danger: semantic('danger'),
        'danger-fg': semantic('danger-fg'),
        success: semantic('success'),
        warning: semantic('warning'),
      },
      fontFamily: {
        sans: ['Inter', 'ui-sans-serif', 'system-ui', 'sans-serif'],
        mono: ['ui-monospace', 'SFMono-Regular', 'Menlo', 'monospace'],
      },
      borderRadius: {
        DEFAULT: '0.375rem',
      },
    },
  },
} satisfies Config;
