package io.pqflux.bench.data;

import java.util.SplittableRandom;

/** The rows of {@link TaxiTripsFile}: one trip per call, pickups spread over January 2024 in order. */
final class TaxiTripGenerator implements RecordSource {

    private static final long JANUARY_2024_MICROS = 1_704_067_200L * 1_000_000L;
    private static final long MONTH_SECONDS = 31L * 24 * 3600;
    private static final int ZONES = 265;
    private static final String[] BOROUGHS = {"Manhattan", "Queens", "Brooklyn", "Bronx", "Staten Island", "EWR", "Unknown"};
    /** How many of the 265 zones lie in each borough, roughly as in the taxi zone table. */
    private static final int[] BOROUGH_ZONES = {69, 69, 61, 43, 20, 1, 2};
    private static final double[] EXTRAS = {0, 1, 2.5, 3.5, 5, 7.5};
    private static final long[] PASSENGERS = {1, 2, 3, 4, 5, 6, 0};
    private static final long[] RATE_CODES = {1, 2, 5, 3, 4, 99};

    private final SplittableRandom random;
    private final long rows;
    private final int[] zoneByRank = new int[ZONES];
    private final String[] boroughOfZone = new String[ZONES + 1];
    private long row;

    TaxiTripGenerator(long seed, long rows) {
        this.random = new SplittableRandom(seed);
        this.rows = rows;
        for (int i = 0; i < ZONES; i++) zoneByRank[i] = i + 1;
        for (int i = ZONES - 1; i > 0; i--) { // popularity order of the zones: a seeded shuffle
            int j = random.nextInt(i + 1);
            int t = zoneByRank[i];
            zoneByRank[i] = zoneByRank[j];
            zoneByRank[j] = t;
        }
        int zone = 1;
        for (int b = 0; b < BOROUGHS.length; b++) {
            for (int k = 0; k < BOROUGH_ZONES[b]; k++) boroughOfZone[zone++] = BOROUGHS[b];
        }
    }

    @Override
    public void writeNext(RecordEmitter out) {
        boolean sparse = random.nextInt(100) < 3; // the rows whose optional columns are all null
        long pickupSeconds = row * MONTH_SECONDS / Math.max(rows, 1) + random.nextInt(600);
        long durationSeconds = Math.min(4 * 3600, Math.round(Math.exp(6.5 + 0.7 * random.nextGaussian())));
        double distance = cents(Math.min(60, Math.exp(0.6 + 0.9 * random.nextGaussian())));
        int pickupZone = zone();
        long paymentType = sparse ? 0 : pick(80, 17, 2, 1) + 1;
        double fare = cents(3.0 + 2.5 * distance + 0.35 * durationSeconds / 60.0);
        double extra = EXTRAS[pick(35, 30, 20, 8, 4, 3)];
        double mtaTax = random.nextInt(100) < 98 ? 0.5 : 0;
        double tip = paymentType == 1 ? cents(fare * random.nextInt(31) / 100.0) : 0;
        double tolls = random.nextInt(100) < 92 ? 0 : random.nextBoolean() ? 6.94 : cents(5 + 15 * random.nextDouble());
        double improvement = random.nextInt(100) < 99 ? 1.0 : 0.3;
        double congestion = random.nextInt(100) < 90 ? 2.5 : 0;
        double airport = random.nextInt(100) < 90 ? 0 : 1.75;

        out.int32("VendorID", random.nextInt(1000) == 0 ? 6 : random.nextInt(100) < 28 ? 1 : 2);
        out.int64("tpep_pickup_datetime", JANUARY_2024_MICROS + pickupSeconds * 1_000_000L);
        out.int64("tpep_dropoff_datetime", JANUARY_2024_MICROS + (pickupSeconds + durationSeconds) * 1_000_000L);
        if (!sparse) out.int64("passenger_count", PASSENGERS[pick(75, 14, 4, 2, 2, 1, 2)]);
        out.float64("trip_distance", distance);
        if (!sparse) out.int64("RatecodeID", RATE_CODES[pick(94, 3, 1, 1, 1, 0)]);
        if (!sparse) out.string("store_and_fwd_flag", random.nextInt(1000) < 5 ? "Y" : "N");
        out.int32("PULocationID", pickupZone);
        out.int32("DOLocationID", zone());
        out.int64("payment_type", paymentType);
        out.float64("fare_amount", fare);
        out.float64("extra", extra);
        out.float64("mta_tax", mtaTax);
        out.float64("tip_amount", tip);
        out.float64("tolls_amount", tolls);
        out.float64("improvement_surcharge", improvement);
        out.float64("total_amount", cents(fare + extra + mtaTax + tip + tolls + improvement
                + (sparse ? 0 : congestion + airport)));
        if (!sparse) out.float64("congestion_surcharge", congestion);
        if (!sparse) out.float64("airport_fee", airport);
        out.string("pickup_borough", boroughOfZone[pickupZone]);
        row++;
    }

    /** A zone id, a few zones far more popular than the rest. */
    private int zone() {
        double u = random.nextDouble();
        return zoneByRank[(int) (ZONES * u * u * u)];
    }

    /** An index drawn with the given relative weights. */
    private int pick(int... weights) {
        int total = 0;
        for (int w : weights) total += w;
        int x = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) return i;
        }
        return weights.length - 1;
    }

    private static double cents(double amount) {
        return Math.round(amount * 100) / 100.0;
    }
}
