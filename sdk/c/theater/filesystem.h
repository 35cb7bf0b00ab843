/*
 * theater/filesystem.h -- theater:simple/filesystem (wit/filesystem.wit): files
 * under the folder the manifest grants. docs: sdk/c/docs/io.md.
 *
 * Results as in message_server_host.h: a function returning result<T, string>
 * returns true on ok and fills its T out-param, false on err and fills *err;
 * any out-param may be NULL. What the host returns (bytes, names, output) lives
 * on the per-call arena until the export returns.
 */
#ifndef THEATER_FILESYSTEM_H
#define THEATER_FILESYSTEM_H

#include "theater/import.h"

/* record command-success { stdout: string, stderr: string, exit-code: s32 }
 * (stdout/stderr are libc macros in hosted builds, hence the _text suffix). */
typedef struct {
  theater_string_t stdout_text;
  theater_string_t stderr_text;
  int32_t exit_code;
} theater_command_success_t;

/* record command-error { message: string } */
typedef struct {
  theater_string_t message;
} theater_command_error_t;

/* variant command-result { success(command-success), error(command-error) }: `tag`
 * says which field is set; the other is zero. */
enum { THEATER_COMMAND_SUCCESS, THEATER_COMMAND_ERROR };
typedef struct {
  uint8_t tag;
  theater_command_success_t success;
  theater_command_error_t error;
} theater_command_result_t;

#define THEATER_FS_ "theater:simple/filesystem"
THEATER_IMPORT(THEATER_FS_, "read-file") void theater_import_fs_read_file_(const uint8_t *p, uint32_t n, void *ret);
THEATER_IMPORT(THEATER_FS_, "write-file")
void theater_import_fs_write_file_(const uint8_t *p, uint32_t n, const uint8_t *c, uint32_t cn, void *ret);
THEATER_IMPORT(THEATER_FS_, "list-files") void theater_import_fs_list_files_(const uint8_t *p, uint32_t n, void *ret);
THEATER_IMPORT(THEATER_FS_, "delete-file") void theater_import_fs_delete_file_(const uint8_t *p, uint32_t n, void *ret);
THEATER_IMPORT(THEATER_FS_, "create-dir") void theater_import_fs_create_dir_(const uint8_t *p, uint32_t n, void *ret);
THEATER_IMPORT(THEATER_FS_, "delete-dir") void theater_import_fs_delete_dir_(const uint8_t *p, uint32_t n, void *ret);
THEATER_IMPORT(THEATER_FS_, "path-exists") void theater_import_fs_path_exists_(const uint8_t *p, uint32_t n, void *ret);
THEATER_IMPORT(THEATER_FS_, "execute-command")
void theater_import_fs_execute_command_(const uint8_t *d, uint32_t dn, const uint8_t *c, uint32_t cn, const theater_string_t *a,
                                        uint32_t an, void *ret);

/* read-file: func(path) -> result<list<u8>, string>. */
static bool theater_filesystem_read_file(theater_string_t path, theater_bytes_t *content, theater_string_t *err) {
  theater_import_fs_read_file_(path.ptr, path.len, theater_import_area(12));
  if (!theater_import_result(4, err)) return false;
  if (content) *content = theater_import_slice(4);
  return true;
}

/* write-file: func(path, content: string) -> result<_, string>. */
static bool theater_filesystem_write_file(theater_string_t path, theater_string_t content, theater_string_t *err) {
  theater_import_fs_write_file_(path.ptr, path.len, content.ptr, content.len, theater_import_area(12));
  return theater_import_result(4, err);
}

/* list-files: func(path) -> result<list<string>, string>; the names are read in place. */
static bool theater_filesystem_list_files(theater_string_t path, theater_string_list_t *names, theater_string_t *err) {
  theater_import_fs_list_files_(path.ptr, path.len, theater_import_area(12));
  if (!theater_import_result(4, err)) return false;
  theater_string_list_t l = theater_import_string_list(4);
  if (names) *names = l;
  return true;
}

/* delete-file: func(path) -> result<_, string>. */
static bool theater_filesystem_delete_file(theater_string_t path, theater_string_t *err) {
  theater_import_fs_delete_file_(path.ptr, path.len, theater_import_area(12));
  return theater_import_result(4, err);
}

/* create-dir: func(path) -> result<_, string> (missing parents too). */
static bool theater_filesystem_create_dir(theater_string_t path, theater_string_t *err) {
  theater_import_fs_create_dir_(path.ptr, path.len, theater_import_area(12));
  return theater_import_result(4, err);
}

/* delete-dir: func(path) -> result<_, string> (and everything in it). */
static bool theater_filesystem_delete_dir(theater_string_t path, theater_string_t *err) {
  theater_import_fs_delete_dir_(path.ptr, path.len, theater_import_area(12));
  return theater_import_result(4, err);
}

/* path-exists: func(path) -> result<bool, string> (bool @4; a byte other than 0/1 traps). */
static bool theater_filesystem_path_exists(theater_string_t path, bool *exists, theater_string_t *err) {
  theater_import_fs_path_exists_(path.ptr, path.len, theater_import_area(12));
  if (!theater_import_result(4, err)) return false;
  bool e = theater_import_bool(4);
  if (exists) *exists = e;
  return true;
}

/* execute-command: func(dir, command, args: list<string>) -> result<command-result, string>.
 * The result (28 bytes): disc @0; ok: command-result disc @4, payload @8 (success: stdout @8,
 * stderr @16, exit-code @24; error: message @8); err: string @4. A command that ran (whatever
 * its exit code) is ok with tag THEATER_COMMAND_SUCCESS. */
static bool theater_filesystem_execute_command(theater_string_t dir, theater_string_t command, theater_string_list_t args,
                                               theater_command_result_t *result, theater_string_t *err) {
  theater_import_fs_execute_command_(dir.ptr, dir.len, command.ptr, command.len, args.ptr, args.len, theater_import_area(28));
  if (!theater_import_result(4, err)) return false;
  theater_command_result_t r;
  memset(&r, 0, sizeof r);
  r.tag = theater_import_disc(4, 2);
  if (r.tag == THEATER_COMMAND_SUCCESS) {
    r.success.stdout_text = theater_import_slice(8);
    r.success.stderr_text = theater_import_slice(16);
    r.success.exit_code = (int32_t)theater_import_u32(24);
  } else {
    r.error.message = theater_import_slice(8);
  }
  if (result) *result = r;
  return true;
}

#endif
