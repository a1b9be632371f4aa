/**
 * The economics tornado's bar-end labels (ui/economics-fields.ts tornadoValueText): every value
 * carries its unit, read from the tornado's own inputs.
 */
import { describe, expect, it } from 'vitest';
import { formatUSD } from '../../src/charts';
import { TORNADO_INPUTS } from '../../src/sim/economics/tornado-inputs';
import { tornadoValueText } from '../../src/ui/economics-fields';

const unitOf = (key: string) => TORNADO_INPUTS.find((i) => i.key === key)?.unit ?? 'missing';

describe('tornado value labels', () => {
  it('says what money is per', () => {
    expect(tornadoValueText(101.9, unitOf('lease.rentUSDPerKWMonth'))).toBe('$101.9/kW-month');
    expect(tornadoValueText(38, unitOf('mining.hashpriceUSDPerPHDay'))).toBe('$38/PH/s/day');
    expect(tornadoValueText(14, unitOf('power.priceUSDPerMWh'))).toBe('$14/MWh');
    expect(tornadoValueText(1.7, unitOf('gpu.priceUSDPerHour'))).toBe('$1.7/GPU-hour');
    expect(tornadoValueText(28275, unitOf('gpu.capexUSDPerGPU'))).toBe('$28,275/GPU');
    expect(tornadoValueText(3.6e6, unitOf('capex'))).toBe(`${formatUSD(3.6e6)}/MW of IT`);
  });

  it('shows shares and yearly changes as percentages, with a true minus sign', () => {
    expect(tornadoValueText(0.65, unitOf('mining.halvingFactor'))).toBe('65%');
    expect(tornadoValueText(-0.25, unitOf('mining.driftPerYear'))).toBe('−25% a year');
    expect(tornadoValueText(0.08, unitOf('discountRatePerYear'))).toBe('8% a year');
    expect(tornadoValueText(-6, unitOf('timeToPowerShiftMonths'))).toBe('−6 months');
    expect(tornadoValueText(1.56, unitOf('gpu.pue'))).toBe('1.56');
  });

  it('gives every tornado input a label that names a unit or is a bare ratio', () => {
    for (const input of TORNADO_INPUTS) {
      const text = tornadoValueText(1.5, input.unit);
      if (input.key === 'gpu.pue') continue;
      expect(text, input.key).toMatch(/[/%a-zA-Z]/);
      expect(text, input.key).not.toMatch(/^\$[\d.,]+[MBk]?$/);
    }
  });
});
