// One shard of the benchmark's data set, in its own process: `generate.ts <out> <stations> <years>
// <shard> <shards>` writes the station files of stations n with n % shards === shard.
import { writeDataset } from '../../../templates/weather/scripts/gsod-data.js';

const [out, stations, years, shard, shards] = process.argv.slice(2);
writeDataset({
  out,
  stations: Number(stations),
  years: Number(years),
  firstYear: 2017,
  shard: Number(shard),
  shards: Number(shards),
});
