#!/usr/bin/env bash
# Backs up the registry (pg_dump of the database + a tar of the files) and restores both into a
# fresh database and folder, then checks the restore table by table (row counts) and file by file.
#
#   scripts/backup_restore_check.sh postgres://registry:registry@127.0.0.1:5432/registry_scale \
#       registry_scale_restore [MEDIA_ROOT] [BACKUP_DIR]
#
# The target database is dropped and created anew (never name the live one). docs/deploy.md.
set -euo pipefail
source_url=${1:?"the live database URL"}
target_db=${2:?"the name of a fresh database to restore into"}
media_root=${3:-media}
backup_dir=${4:-/tmp/registry-backup-$(date +%Y%m%d-%H%M%S)}
target_url="${source_url%/*}/$target_db"
server_url="${source_url%/*}/postgres"
[ "$target_url" != "$source_url" ] || { echo "ปลายทางต้องไม่ใช่ฐานข้อมูลที่ใช้งานอยู่" >&2; exit 2; }
mkdir -p "$backup_dir"

echo "== backup: $backup_dir"
started=$(date +%s)
pg_dump --format=custom --no-owner --file "$backup_dir/registry.dump" "$source_url"
if [ -d "$media_root" ]; then tar -C "$media_root" -czf "$backup_dir/files.tar.gz" .; else tar -czf "$backup_dir/files.tar.gz" -T /dev/null; fi
ls -l "$backup_dir"

echo "== restore into $target_db"
psql -q "$server_url" -c "DROP DATABASE IF EXISTS \"$target_db\"" -c "CREATE DATABASE \"$target_db\""
pg_restore --no-owner --exit-on-error --jobs 2 --dbname "$target_url" "$backup_dir/registry.dump"
restored_files="$backup_dir/restored-files"
rm -rf "$restored_files" && mkdir -p "$restored_files"
tar -C "$restored_files" -xzf "$backup_dir/files.tar.gz"

echo "== check by counts"
# The backup's own row counts (its COPY blocks), so a live registry that keeps changing meanwhile
# is compared with the snapshot pg_dump took, not with what officers saved since.
pg_restore --data-only --file - "$backup_dir/registry.dump" | awk '
  /^COPY / { table = $2; sub(/^public\./, "", table); n = 0; copying = 1; next }
  copying && /^\\\.$/ { print table, n; copying = 0; next }
  copying { n++ }' | sort > "$backup_dir/counts-backup.txt"
tables=$(cut -d" " -f1 "$backup_dir/counts-backup.txt")
bad=0
while read -r table expected; do
  restored=$(psql -At "$target_url" -c "SELECT count(*) FROM \"$table\"")
  if [ "$restored" != "$expected" ]; then echo "DIFFERENT $table: $expected in the backup, $restored restored"; bad=1; fi
done < "$backup_dir/counts-backup.txt"
live_tables=$(psql -At "$source_url" -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
restored_tables=$(psql -At "$target_url" -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
[ "$live_tables" = "$restored_tables" ] || { echo "DIFFERENT: $live_tables tables live, $restored_tables restored"; bad=1; }
for table in groups_savingsgroup groups_activity groups_groupchange reviews_groupreview accounts_user; do
  printf "%-28s %s\n" "$table" "$(psql -At "$target_url" -c "SELECT count(*) FROM $table")"
done
files_live=$( [ -d "$media_root" ] && find "$media_root" -type f | wc -l || echo 0)
files_restored=$(find "$restored_files" -type f | wc -l)
echo "files: $files_live live, $files_restored restored"
[ "$files_live" = "$files_restored" ] || bad=1
if [ "$bad" = 0 ]; then
  echo "restore OK: $(echo "$tables" | wc -w) tables with the same row counts, files the same, $(( $(date +%s) - started )) s"
else
  echo "restore DIFFERENT" >&2; exit 1
fi
