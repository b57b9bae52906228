import { describe, expect, it } from 'vitest';
import { DISPLAY_CHARS, forDisplay } from './display-text.ts';

describe('values cut for display', () => {
  it('keeps a value up to the limit whole', () => {
    const value = 'x'.repeat(DISPLAY_CHARS);
    expect(forDisplay(value)).toBe(value);
    expect(forDisplay(null)).toBeNull();
  });

  it('cuts a 1 MB value to the limit with a visible ellipsis', () => {
    const shown = forDisplay('y'.repeat(1 << 20));
    expect(shown).toBe(`${'y'.repeat(DISPLAY_CHARS)}…`);
  });

  it('never splits a character outside the basic plane', () => {
    const value = `${'a'.repeat(DISPLAY_CHARS - 1)}😀😀`;
    expect(forDisplay(value)).toBe(`${'a'.repeat(DISPLAY_CHARS - 1)}…`);
  });
});
