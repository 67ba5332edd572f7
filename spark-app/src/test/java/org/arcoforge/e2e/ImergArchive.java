package org.arcoforge.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.arcoforge.sample.Ncgen;

/**
 * An IMERG-like NetCDF-4 archive made with ncgen: half-hourly files whose grid is in the group
 * {@code /Grid} (time, lon, lat, precipitation(time, lon, lat) float32 with zlib), root attributes,
 * a root variable, a dimension {@code nv} declared at the root and used inside the group, and a
 * nested group {@code /Grid/quality} without time.
 */
public final class ImergArchive {
    public static final int LON = 8;
    public static final int LAT = 6;

    private ImergArchive() {
    }

    /** {@code n} files named 3B-HHR.{i}.nc (i = 0..n-1), one time step each. */
    public static List<Path> write(Path dir, int n) {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Ncgen.run(cdl(i), Ncgen.Kind.NETCDF4, dir.resolve("3B-HHR." + i + ".nc")));
        }
        return out;
    }

    public static String cdl(int i) {
        int t = 1_000 + 1_800 * i;
        StringBuilder precip = new StringBuilder();
        for (int k = 0; k < LON * LAT; k++) {
            precip.append(k == 0 ? "" : ", ").append(k == 5 + i ? "_" : String.valueOf(0.25f * k + i));
        }
        return """
                netcdf imerg {
                dimensions:
                  nv = 2 ;
                variables:
                  int root_only ;
                    root_only:long_name = "a root variable, not part of /Grid" ;
                // global attributes:
                  :FileHeader = "DOI=10.5067/GPM/IMERG/3B-HH/07;\\nAlgorithmID=3IMERGHH;" ;
                  :history = "made by ImergArchive" ;
                data:
                  root_only = %d ;

                group: Grid {
                  dimensions:
                    time = UNLIMITED ;
                    lon = %d ;
                    lat = %d ;
                  variables:
                    int time(time) ;
                      time:units = "seconds since 1970-01-01 00:00:00 UTC" ;
                      time:standard_name = "time" ;
                    float lon(lon) ;
                      lon:units = "degrees_east" ;
                    float lat(lat) ;
                      lat:units = "degrees_north" ;
                    float precipitation(time, lon, lat) ;
                      precipitation:units = "mm/hr" ;
                      precipitation:_FillValue = -9999.9f ;
                      precipitation:_Storage = "chunked" ;
                      precipitation:_ChunkSizes = 1, 4, 3 ;
                      precipitation:_DeflateLevel = 4 ;
                    int time_bnds(time, nv) ;
                    float lat_bnds(lat, nv) ;
                  // group attributes:
                    :GridHeader = "BinMethod=ARITHMETIC_MEAN;" ;
                  data:
                    time = %d ;
                    lon = 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5 ;
                    lat = -2.5, -1.5, -0.5, 0.5, 1.5, 2.5 ;
                    precipitation = %s ;
                    time_bnds = %d, %d ;
                    lat_bnds = -3, -2, -2, -1, -1, 0, 0, 1, 1, 2, 2, 3 ;

                  group: quality {
                    variables:
                      short flag(lat) ;
                        flag:long_name = "a nested group without time, on its parent's lat" ;
                    // group attributes:
                      :QualityHeader = "nested" ;
                    data:
                      flag = %d, 1, 2, 3, 4, 5 ;
                  }
                }
                }
                """.formatted(i, LON, LAT, t, precip, t, t + 1_800, 10 + i);
    }
}
