-- spatialJoin intersects
SELECT l.*, r."name", r."iso_a3" FROM "cities" AS l JOIN "countries" AS r ON ST_Intersects(l."geometry", r."geometry");

-- spatialJoin within
SELECT l.*, r."name", r."iso_a3" FROM "cities" AS l JOIN "countries" AS r ON ST_Within(l."geometry", r."geometry");

-- spatialJoin contains
SELECT l.*, r."name", r."iso_a3" FROM "cities" AS l JOIN "countries" AS r ON ST_Contains(l."geometry", r."geometry");

-- spatialJoin touches
SELECT l.*, r."name", r."iso_a3" FROM "cities" AS l JOIN "countries" AS r ON ST_Touches(l."geometry", r."geometry");

-- spatialJoin crosses
SELECT l.*, r."name", r."iso_a3" FROM "cities" AS l JOIN "countries" AS r ON ST_Crosses(l."geometry", r."geometry");

-- spatialJoin overlaps
SELECT l.*, r."name", r."iso_a3" FROM "cities" AS l JOIN "countries" AS r ON ST_Overlaps(l."geometry", r."geometry");

-- spatialJoin covers
SELECT l.*, r."name", r."iso_a3" FROM "cities" AS l JOIN "countries" AS r ON ST_Covers(l."geometry", r."geometry");

-- spatialJoin covered_by
SELECT l.*, r."name", r."iso_a3" FROM "cities" AS l JOIN "countries" AS r ON ST_CoveredBy(l."geometry", r."geometry");

-- spatialJoin contains_properly
SELECT l.*, r."name", r."iso_a3" FROM "cities" AS l JOIN "countries" AS r ON ST_ContainsProperly(l."geometry", r."geometry");

-- spatialJoin dwithin; params [1000]
SELECT l.*, r."name", r."iso_a3" FROM "cities" AS l JOIN "countries" AS r ON ST_Distance_Spheroid(ST_FlipCoordinates(l."geometry"), ST_FlipCoordinates(r."geometry")) <= $1;

-- spatialJoin left, clashing names, qualified tables
SELECT l."name" AS "name_left", l."geometry", r."name" AS "name_right" FROM "geo"."cities" AS l LEFT JOIN "geo"."countries" AS r ON ST_Intersects(l."geometry", r."geometry");

-- spatialJoin right, planar dwithin; params [5]
SELECT l.* FROM "a" AS l RIGHT JOIN "b" AS r ON ST_Distance(l."geometry", r."geometry") <= $1;

-- nearestJoin
SELECT l.*, r."iata", r.d AS "distance" FROM "cities" AS l CROSS JOIN LATERAL (SELECT c.*, MIN(c.d) OVER () AS dmin FROM (SELECT r.*, ST_Distance_Spheroid(ST_FlipCoordinates(l."geometry"), ST_FlipCoordinates(r."geometry")) AS d FROM "airports" AS r) AS c) AS r WHERE r.d = r.dmin;

-- nearestJoin maxDistance; params [50000]
SELECT l.*, r."iata", r.d AS "metres" FROM "cities" AS l CROSS JOIN LATERAL (SELECT c.*, MIN(c.d) OVER () AS dmin FROM (SELECT r.*, ST_Distance_Spheroid(ST_FlipCoordinates(l."geometry"), ST_FlipCoordinates(r."geometry")) AS d FROM "airports" AS r WHERE ST_Distance_Spheroid(ST_FlipCoordinates(l."geometry"), ST_FlipCoordinates(r."geometry")) <= $1) AS c) AS r WHERE r.d = r.dmin;

-- dissolve
SELECT "continent", ST_Union_Agg("geometry") AS "geometry", SUM("pop_est") AS "pop_est", AVG("gdp_md_est") AS "gdp_md_est", COUNT("name") AS "name" FROM "countries" WHERE "continent" IS NOT NULL GROUP BY "continent" ORDER BY "continent";

-- dissolve first/last/list, two keys, keep missing
SELECT "continent", "subregion", ST_Union_Agg("geometry") AS "geometry", arg_min("name", "row_id") FILTER (WHERE "name" IS NOT NULL) AS "name", arg_max("iso_a3", "row_id") FILTER (WHERE "iso_a3" IS NOT NULL) AS "iso_a3", list("pop_est") AS "pop_est" FROM "countries" GROUP BY "continent", "subregion" ORDER BY "continent", "subregion";

-- area
SELECT *, ST_Area_Spheroid(ST_FlipCoordinates("geometry")) AS "area" FROM "countries";

-- length
SELECT *, ST_Length_Spheroid(ST_FlipCoordinates("geom")) AS "metres" FROM "roads";
