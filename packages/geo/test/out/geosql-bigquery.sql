-- spatialJoin intersects
SELECT l.*, r.`name`, r.`iso_a3` FROM `cities` AS l JOIN `countries` AS r ON ST_INTERSECTS(l.`geometry`, r.`geometry`);

-- spatialJoin within
SELECT l.*, r.`name`, r.`iso_a3` FROM `cities` AS l JOIN `countries` AS r ON ST_WITHIN(l.`geometry`, r.`geometry`);

-- spatialJoin contains
SELECT l.*, r.`name`, r.`iso_a3` FROM `cities` AS l JOIN `countries` AS r ON ST_CONTAINS(l.`geometry`, r.`geometry`);

-- spatialJoin touches
SELECT l.*, r.`name`, r.`iso_a3` FROM `cities` AS l JOIN `countries` AS r ON ST_TOUCHES(l.`geometry`, r.`geometry`);

-- spatialJoin crosses: not written (predicate must be a predicate bigquery has a function for (intersects, within, contains, touches, covers, covered_by, dwithin), got 'crosses')

-- spatialJoin overlaps: not written (predicate must be a predicate bigquery has a function for (intersects, within, contains, touches, covers, covered_by, dwithin), got 'overlaps')

-- spatialJoin covers
SELECT l.*, r.`name`, r.`iso_a3` FROM `cities` AS l JOIN `countries` AS r ON ST_COVERS(l.`geometry`, r.`geometry`);

-- spatialJoin covered_by
SELECT l.*, r.`name`, r.`iso_a3` FROM `cities` AS l JOIN `countries` AS r ON ST_COVEREDBY(l.`geometry`, r.`geometry`);

-- spatialJoin contains_properly: not written (predicate must be a predicate bigquery has a function for (intersects, within, contains, touches, covers, covered_by, dwithin), got 'contains_properly')

-- spatialJoin dwithin; params [1000]
SELECT l.*, r.`name`, r.`iso_a3` FROM `cities` AS l JOIN `countries` AS r ON ST_DWITHIN(l.`geometry`, r.`geometry`, ?);

-- spatialJoin left, clashing names, qualified tables
SELECT l.`name` AS `name_left`, l.`geometry`, r.`name` AS `name_right` FROM `geo`.`cities` AS l LEFT JOIN `geo`.`countries` AS r ON ST_INTERSECTS(l.`geometry`, r.`geometry`);

-- spatialJoin right, planar dwithin: not written (geodesic must be true on BigQuery (its GEOGRAPHY has no planar distance), got false)

-- nearestJoin
WITH m AS (SELECT l.`city_id` AS k, MIN(ST_DISTANCE(l.`geometry`, n.`geometry`)) AS d FROM `cities` AS l CROSS JOIN `airports` AS n GROUP BY l.`city_id`) SELECT l.*, r.`iata`, m.d AS `distance` FROM `cities` AS l JOIN m ON l.`city_id` = m.k JOIN `airports` AS r ON ST_DISTANCE(l.`geometry`, r.`geometry`) = m.d;

-- nearestJoin maxDistance; params [50000]
WITH m AS (SELECT l.`city_id` AS k, MIN(ST_DISTANCE(l.`geometry`, n.`geometry`)) AS d FROM `cities` AS l CROSS JOIN `airports` AS n WHERE ST_DISTANCE(l.`geometry`, n.`geometry`) <= ? GROUP BY l.`city_id`) SELECT l.*, r.`iata`, m.d AS `metres` FROM `cities` AS l JOIN m ON l.`city_id` = m.k JOIN `airports` AS r ON ST_DISTANCE(l.`geometry`, r.`geometry`) = m.d;

-- dissolve
SELECT `continent`, ST_UNION_AGG(`geometry`) AS `geometry`, SUM(`pop_est`) AS `pop_est`, AVG(`gdp_md_est`) AS `gdp_md_est`, COUNT(`name`) AS `name` FROM `countries` WHERE `continent` IS NOT NULL GROUP BY `continent` ORDER BY `continent`;

-- dissolve first/last/list, two keys, keep missing
SELECT `continent`, `subregion`, ST_UNION_AGG(`geometry`) AS `geometry`, ARRAY_AGG(`name` IGNORE NULLS ORDER BY `row_id` LIMIT 1)[SAFE_OFFSET(0)] AS `name`, ARRAY_AGG(`iso_a3` IGNORE NULLS ORDER BY `row_id` DESC LIMIT 1)[SAFE_OFFSET(0)] AS `iso_a3`, ARRAY_AGG(`pop_est` IGNORE NULLS) AS `pop_est` FROM `countries` GROUP BY `continent`, `subregion` ORDER BY `continent`, `subregion`;

-- area
SELECT *, ST_AREA(`geometry`) AS `area` FROM `countries`;

-- length
SELECT *, ST_LENGTH(`geom`) AS `metres` FROM `roads`;
