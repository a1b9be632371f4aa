/**
 * Revenue per kWh of each option at the decision's prices, the multiple over mining, and the inputs
 * that would make that multiple 25× or 2× (issue 13; the "25×" is GPU rental at about $4 an hour
 * against mining at $45/PH/day and 20 J/TH).
 *
 * Mining earns hashprice ÷ (24 h × J/TH) per kWh mined (1 PH/s at J J/TH draws J kW). A lease earns
 * rent ÷ 730 h per IT-kWh. GPUs earn price × utilisation ÷ (kW per GPU × PUE) per facility kWh.
 */
import { HOURS_PER_MONTH } from './kernel';
import type { EconomicsParams } from './params';

export interface RevenuePerKWh {
  /** USD per kWh */
  mine: number;
  lease: number;
  gpu: number;
  /** option ÷ mining */
  multiple: { lease: number; gpu: number };
  /** what it would take */
  inputsFor: {
    /** GPU-hour price (USD) for a 25× and a 2× multiple, other inputs as they are */
    gpuUSDPerHourFor25x: number;
    gpuUSDPerHourFor2x: number;
    /** hashprice (USD per PH/s per day) at which the GPU option is 25× / 2× mining */
    hashpriceFor25xGpu: number;
    hashpriceFor2xGpu: number;
    /** lease rent (USD per kW-month) for a 2× and a 25× multiple */
    leaseUSDPerKWMonthFor2x: number;
    leaseUSDPerKWMonthFor25x: number;
  };
}

export function mineUSDPerKWh(hashpriceUSDPerPHDay: number, jPerTH: number): number {
  return hashpriceUSDPerPHDay / (24 * jPerTH);
}

export function gpuUSDPerKWh(priceUSDPerHour: number, utilisation: number, kWPerGPU: number, pue: number): number {
  return (priceUSDPerHour * utilisation) / (kWPerGPU * pue);
}

export function revenuePerKWh(p: EconomicsParams): RevenuePerKWh {
  const g = p.gpu;
  const mine = mineUSDPerKWh(p.mining.hashpriceUSDPerPHDay, p.mining.fleetJPerTH);
  const lease = p.lease.rentUSDPerKWMonth / HOURS_PER_MONTH;
  const gpu = gpuUSDPerKWh(g.priceUSDPerHour, g.utilisation, g.kWPerGPU, g.pue);
  const kWhPerSoldHour = g.utilisation > 0 ? (g.kWPerGPU * g.pue) / g.utilisation : Infinity;
  const hashFor = (x: number) => (gpu / x) * 24 * p.mining.fleetJPerTH;
  return {
    mine,
    lease,
    gpu,
    multiple: { lease: lease / mine, gpu: gpu / mine },
    inputsFor: {
      gpuUSDPerHourFor25x: 25 * mine * kWhPerSoldHour,
      gpuUSDPerHourFor2x: 2 * mine * kWhPerSoldHour,
      hashpriceFor25xGpu: hashFor(25),
      hashpriceFor2xGpu: hashFor(2),
      leaseUSDPerKWMonthFor2x: 2 * mine * HOURS_PER_MONTH,
      leaseUSDPerKWMonthFor25x: 25 * mine * HOURS_PER_MONTH,
    },
  };
}
