# One-off edit that dated the queue presets' starting stock (kept for the record; the numbers and
# their sources are in data/regions.json provenance, which is what the app and tests read).
import json, sys
path = sys.argv[1] if len(sys.argv) > 1 else 'data/regions.json'
d = json.load(open(path))
Q = d['queuePresets']

def prov(doc, key, source, note, estimate=True):
    doc['provenance'][key] = {"source": source, "estimate": estimate, "note": note}

LBNL25 = "LBNL Queued Up 2025 edition (end 2024) via APPA, https://www.publicpower.org/periodical/article/report-details-projects-looking-interconnect-grid-end-2024"
LBNL24 = "LBNL Queued Up 2024 edition (end 2023) via windtech-international / ECmag"
AGE = "LBNL Queued Up 2024 edition: average age of active projects 34 months (Voronoi, https://www.voronoiapp.com/energy/The-Age-of-Energy-Projects-in-Interconnection-Queues-by-State-1171)"

# --- US (LBNL) ---------------------------------------------------------------------------------
us = Q['us-lbnl']; p = us['params']
p['backlog'] = {"count": 10300, "shares": {"feas": 0.32, "sis": 0.32, "fs": 0.18, "postIa": 0.18}}
p['stock'] = {"asOf": "2024-12-31", "totalMW": 2290000, "heldMW": 408000, "ageMonths": {"p50": 26, "p90": 70}}
p['arrivals'] = {"ratePerYear": 2250, "sizeMW": {"p50": 130, "p90": 490}}
p['schedules'] = {"arrivalsPerYear": {"interp": "step", "points": [{"date": "2024-01-01", "value": 2250}]}}
us['defaultProjectMW'] = 200
us['forward'] = {"default": "flat", "trend": None}
prov(us, 'backlog.count', LBNL25, "~10,300 active projects at end 2024", False)
prov(us, 'backlog.shares', LBNL25, "post-agreement share from 408 GW with a draft or executed IA and no COD (18% of 2,290 GW); the split of the rest over feasibility / impact / facilities studies is an ESTIMATE", True)
prov(us, 'stock.asOf', LBNL25, "end of 2024 (2025 edition, published Dec 2025)", False)
prov(us, 'stock.totalMW', LBNL25, "~2,290 GW active (1,400 GW generation + ~890 GW storage)", False)
prov(us, 'stock.heldMW', LBNL25, "408 GW has a draft or executed IA but no COD", False)
prov(us, 'stock.ageMonths', AGE, "LN(26, 70) has a mean of ~35 months", True)
prov(us, 'arrivals.ratePerYear', LBNL25 + " (Loopback: ~500 GW of new requests in 2024)", "500 GW ÷ ~222 MW mean request (2,290 GW ÷ 10,300 projects) ≈ 2,250 requests a year", True)
prov(us, 'arrivals.sizeMW', LBNL25, "LN(130, 490) MW has a mean of ~222 MW, the stock's mean (2,290 GW ÷ 10,300)", True)
prov(us, 'schedules.arrivalsPerYear', LBNL25 + " (Loopback: ~500 GW new requests in 2024)", "the 2024 inflow; later years are not published as request counts", True)
for k in ['backlog']:
    us['provenance'].pop(k, None)

# --- ERCOT large loads --------------------------------------------------------------------------
er = Q['ercot-large-load']; p = er['params']
p['backlog'] = {"count": 540, "shares": {"feas": 0.9, "sis": 0.06, "fs": 0.0, "postIa": 0.04}}
p['stock'] = {"asOf": "2026-06-24", "totalMW": 438000, "heldMW": 5159, "ageMonths": {"p50": 9, "p90": 24}}
p['arrivals'] = {"ratePerYear": 250, "sizeMW": {"p50": 330, "p90": 1650}}
p['withdrawal'] = {"feas": 0.15, "sis": 0.3, "fs": 0.3, "postIa": 0.25, "sizeElasticity": 0.5}
p['schedules'] = {
    "arrivalsPerYear": {"interp": "step", "points": [
        {"date": "2024-01-01", "value": 110}, {"date": "2025-01-01", "value": 225},
        {"date": "2026-01-01", "value": 792}, {"date": "2026-04-01", "value": 250}]},
    "sizeFactor": {"interp": "step", "points": [
        {"date": "2024-01-01", "value": 0.45}, {"date": "2025-01-01", "value": 1.0}, {"date": "2026-01-01", "value": 1.24}]},
}
p['rules'] = {
    "screens": [{"date": "2026-07-10", "stayProb": 0.45, "note": "Batch Zero sign-up: ~205 GW of a ~460 GW queue opted in (Jul 2026)"}],
    "clusterCloseDates": ["2026-07-24", "2027-07-01"],
}
er['defaultProjectMW'] = 200
er['forward'] = {"default": "flat", "trend": {
    "note": "requests keep growing as in 2024–26 (110 → 225 → ~800 a year), damped: 350 a year in 2027, 450 in 2028, then flat; request sizes as in 2026",
    "source": "ERCOT large-load queue 2024–26: RTO Insider, Utility Dive, ERCOT Large Load Update Apr 2026; ESTIMATE for the path",
    "schedules": {"arrivalsPerYear": [{"date": "2027-01-01", "value": 350}, {"date": "2028-01-01", "value": 450}]}}}
S_ERCOT = "ERCOT large-load queue: Mondaq / JEPIC digest 2026-06-24 (>438,000 MW, ~89% data centers); ERCOT Large Load Update Apr 2026 (410 GW on 26 Mar 2026; 9,042 MW approved to energize, 3,883 MW operating)"
prov(er, 'stock.asOf', S_ERCOT, "June 2026 figure", False)
prov(er, 'stock.totalMW', S_ERCOT, ">438,000 MW in June 2026", False)
prov(er, 'stock.heldMW', S_ERCOT, "approved to energize but not yet operating: 9,042 − 3,883 MW (Mar 2026)", True)
prov(er, 'stock.ageMonths', "ERCOT queue grew from 63 GW (end 2024) to 438 GW (Jun 2026)", "most requests were filed in the last 18 months: LN(9, 24)", True)
prov(er, 'backlog.count', S_ERCOT + "; 198 requests added +178 GW in Q1 2026", "438 GW ÷ ~810 MW mean request (2026 sizes) ≈ 540 requests", True)
prov(er, 'backlog.shares', "S&P Global 2025-08-26 (82 GW under study, 22 GW approved of 188 GW); Batch Zero (ERCOT, PUCT 2026-06-18)", "almost all wait for the Batch Zero study; 0.04 of requests are approved and building (they hold stock.heldMW)", True)
prov(er, 'arrivals.ratePerYear', "ERCOT Large Load Update Apr 2026 and CES (queue 410 → ~445–474 GW, Mar–Jun 2026)", "growth slowed to ~+30–60 GW a quarter in Q2 2026: ~250 requests a year at 2026 sizes", True)
prov(er, 'arrivals.sizeMW', "RTO Insider Oct 2025 (80 projects >1 GW); Q1 2026: 198 requests, +178 GW", "LN(330, 1650) MW: mean ~730 MW (2025); × sizeFactor", True)
prov(er, 'withdrawal', "ERCOT queue 63 → 188 GW, end 2024 → Aug 2025 (S&P Global), with ~225 requests in 2025", "few requests left the queue before SB 6's deposits and the Batch Zero sign-up: low hazards; the sign-up screen does the pruning; fitted by `npm run calibrate -- --preset ercot-large-load`", True)
prov(er, 'schedules.arrivalsPerYear', "Latitude Media (225 new requests in 2025); ERCOT Large Load Update Apr 2026 (198 requests in Q1 2026)", "2024 ESTIMATE (queue 56 → 63 GW, Sep → Dec 2024); 2026-04 as arrivals.ratePerYear", True)
prov(er, 'schedules.sizeFactor', "Q1 2026: 198 requests added ~178 GW (~900 MW each); end 2024 queue half crypto", "× arrivals.sizeMW by year: 2024 smaller crypto-era requests", True)
prov(er, 'rules.screens', "ERCOT Batch Zero: sign-up deadlines 10 and 24 Jul 2026 (Mondaq 2026); ~205 GW eligible for Batch Zero on 28 Jul 2026 (ERCOT Senate deck) of ~445–474 GW queued (CES)", "0.45 of requests stay", False)
prov(er, 'rules.clusterCloseDates', "ERCOT Batch Zero (PGRR145 + NPRR1325), PUCT approved 18 Jun 2026; Year 1–6 allocations expected 9 Apr 2027", "Batch Zero closes 24 Jul 2026; the next batch is an ESTIMATE (mid-2027), then cluster.windowMonths", True)

# --- PJM -----------------------------------------------------------------------------------------
pj = Q['pjm']; p = pj['params']
p['backlog'] = {"count": 1241, "shares": {"feas": 0.0, "sis": 0.65, "fs": 0.24, "postIa": 0.11}}
p['stock'] = {"asOf": "2026-04-27", "totalMW": 283400, "heldMW": 17400, "ageMonths": {"p50": 18, "p90": 48}}
p['withdrawal']['sis'] = 0.42
p['rules'] = {"clusterCloseDates": ["2027-04-30"]}
pj['defaultProjectMW'] = 200
pj['forward'] = {"default": "flat", "trend": None}
S_PJM = "T&D World (PJM TC1 results, Sep 2025); cliffcenter 2026-05-04 (new Cycle 1: 811 projects / 220 GW)"
prov(pj, 'stock.asOf', S_PJM, "new Cycle 1 application deadline 27 Apr 2026", False)
prov(pj, 'stock.totalMW', S_PJM, "220 GW new Cycle 1 + ~46 GW left for TC2 + 17.4 GW with TC1 draft agreements", True)
prov(pj, 'stock.heldMW', S_PJM, "TC1: 130 requests got draft agreements, 17.4 GW", False)
prov(pj, 'stock.ageMonths', "PJM transition cycles from Jul 2023", "ESTIMATE", True)
prov(pj, 'backlog.count', S_PJM, "811 (Cycle 1) + ~300 (TC2, 46 GW at ~150 MW) + 130 (TC1 agreements)", True)
prov(pj, 'backlog.shares', S_PJM, "Cycle 1 in its first study, TC2 in facilities, TC1 past agreement", True)
prov(pj, 'withdrawal.sis', "APPA 2024-08: PJM Transition Cycle 1, 310 projects entered, 204 advanced at Decision Point 1 (Jun 2024)", "fitted so ~1/3 of a cycle leaves during its first study year (backtest row pjm-tc1-dp1)", True)
prov(pj, 'rules.clusterCloseDates', "PJM reform: cycles a year apart (T&D World)", "next cycle window ESTIMATE one year after new Cycle 1", True)
pj['provenance'].pop('backlog', None)

# --- Singapore ------------------------------------------------------------------------------------
sg = Q['singapore']; p = sg['params']
p['stock'] = {"asOf": "2025-12-01", "totalMW": None, "heldMW": None, "ageMonths": {"p50": 3, "p90": 6}}
p['rules'] = {"roundDates": ["2027-01-01"]}
sg['defaultProjectMW'] = 40
sg['forward'] = {"default": "flat", "trend": None}
S_SG = "Business Times (DC-CFA2 launched 1 Dec 2025, ≥200 MW); Mondaq / techstories (deadline 31 Mar / 13 Apr 2026; no award found by Dec 2026)"
prov(sg, 'stock.asOf', S_SG, "DC-CFA2 opened", False)
prov(sg, 'stock.totalMW', S_SG, "applicants' MW not published", True)
prov(sg, 'stock.heldMW', S_SG, "not published", True)
prov(sg, 'stock.ageMonths', S_SG, "applications filed since Dec 2025", True)
prov(sg, 'rules.roundDates', S_SG, "award date not announced: ESTIMATE early 2027, then every allocation.roundPeriodMonths", True)

# --- Nordics, Iceland, Samara ------------------------------------------------------------------------
def dated(pid, asOf, total, src, note, total_est=True):
    doc = Q[pid]; p = doc['params']
    p['stock'] = {"asOf": asOf, "totalMW": total, "heldMW": None, "ageMonths": {"p50": 24, "p90": 72}}
    doc['forward'] = {"default": "flat", "trend": None}
    prov(doc, 'stock.asOf', src, note, False)
    prov(doc, 'stock.totalMW', src, "null = not published: drawn sizes" if total is None else note, total_est)
    prov(doc, 'stock.heldMW', src, "not published: drawn sizes", True)
    prov(doc, 'stock.ageMonths', "Norway: waits of 5–10 years common (hydrosec 2025)", "ESTIMATE: requests wait years in Nordic queues", True)
dated('norway', '2025-12-01', None, "Teknisk Ukeblad 2025-12 (data centres: >3,400 MW reserved + ~4,700 MW in queue)", "data-centre queue alone ~4,700 MW; the preset's queue of all large loads is not published")
Q['norway']['defaultProjectMW'] = 100
dated('sweden', '2025-06-01', 12000, "Sweden Herald (Svenska kraftnät queue ~12,000 MW, ~2025)", "~12,000 MW wanting to connect in the next 4–5 years")
Q['sweden']['defaultProjectMW'] = 100
dated('finland', '2026-04-01', 3400, "aethercontinuity 2026-04 (Finland: 3.4 GW data-centre planning pipeline)", "3.4 GW of data-centre plans stand in for the queue (Fingrid does not publish GW of requests)")
Q['finland']['defaultProjectMW'] = 100
dated('iceland', '2021-12-07', None, "ForkLog/Bloomberg 2021-12 (Landsvirkjun rejected all new crypto-mining power requests)", "the queue as it stood when new mining loads were refused; Landsnet's GW of requests are not published")
Q['iceland']['defaultProjectMW'] = 30
dated('samara', '2026-03-01', None, "Kommersant 2026-03-12 (take-or-pay grid charges proposed for data centers and miners ≥670 kW from 2027)", "no published queue for the Samara region: every stock number is an ESTIMATE")
Q['samara']['defaultProjectMW'] = 50

json.dump(d, open(path, 'w'), ensure_ascii=False, indent=2)
open(path, 'a').write('\n')
