# Load a Factorspel CSV export with the right types and join its files (base R only).
#
#   source("load.R"); data <- factorspel_load("factorspel-<id>.zip")
#
# factorspel_load(path) reads a zip (or a folder of the unzipped files) and returns a list of data
# frames named by file without ".csv" (placements, events, ...). Types come from codebook.csv:
# integer -> integer, decimal -> numeric, boolean -> logical, timestamp -> POSIXct (UTC),
# text -> character, or factor for the columns in factorspel_categories; an empty cell is NA.
# data$statements is the character vector of statement texts (matrix.csv's rows, in order).
# factorspel_joined(data) adds data$placements_joined: every placement with its card, its round's
# profile and respondent, and the participant who laid it.
#
# Q-methodology (docs/exports.md): m <- read.csv("matrix.csv", fileEncoding = "UTF-8-BOM", row.names = 1,
# check.names = FALSE); q <- round(m * 4); q <- q[, colSums(q != 0) > 0]; then
# qmethod::qmethod(q, nfactors = 2, forced = FALSE,
#                  distribution = sort(round(quantile(unlist(q), ppoints(nrow(q))))))
#
# Text cells that began with = + - @, a tab or a carriage return carry a leading apostrophe in the
# files (so no spreadsheet runs them as formulas); this loader keeps it.

factorspel_categories <- c("side", "first_side", "respondent_seat", "seat", "subject_seat", "kind", "stream",
                           "type", "role", "category_id", "card_id", "profile_id", "outcome_id", "question_id",
                           "question_in_force", "phase", "view")

factorspel_load <- function(path) {
  dir <- path
  if (!dir.exists(path)) {
    dir <- tempfile("factorspel")
    utils::unzip(path, exdir = dir)
  }
  read <- function(name) {
    utils::read.csv(file.path(dir, name), fileEncoding = "UTF-8-BOM", encoding = "UTF-8",
                    colClasses = "character", na.strings = character(0), check.names = FALSE)
  }
  codebook <- read("codebook.csv")
  data <- list()
  for (file in unique(codebook$file)) {
    frame <- read(file)
    columns <- codebook[codebook$file == file, ]
    for (i in seq_len(nrow(columns))) {
      column <- columns$column[i]
      value <- frame[[column]]
      value[value == ""] <- NA
      frame[[column]] <- switch(columns$type[i],
        integer = as.integer(value),
        decimal = as.numeric(value),
        boolean = value == "true",
        timestamp = as.POSIXct(value, format = "%Y-%m-%dT%H:%M:%OSZ", tz = "UTC"),
        if (column %in% factorspel_categories) factor(value) else value)
    }
    data[[sub("\\.csv$", "", file)]] <- frame
  }
  data$statements <- readLines(file.path(dir, "statements.txt"), encoding = "UTF-8", warn = FALSE)
  data
}

# Joins stay within a workshop: a study's files hold many, and participant keys are per workshop.
factorspel_joined <- function(data) {
  by_card <- intersect(c("workshop_id", "card_id"), names(data$cards))
  p <- merge(data$placements, data$cards[, c(by_card, "statement", "copies")], by = by_card, all.x = TRUE)
  p <- merge(p, data$profiles[, c("workshop_id", "table", "round", "profile_id", "respondent_key")],
             by = c("workshop_id", "table", "round"), all.x = TRUE)
  people <- data$participants[, setdiff(names(data$participants), "table")]
  names(people) <- ifelse(names(people) == "workshop_id", "workshop_id", paste0("placer_", names(people)))
  p <- merge(p, people, by.x = c("workshop_id", "placed_by_key"), by.y = c("workshop_id", "placer_participant_key"), all.x = TRUE)
  data$placements_joined <- p[order(p$workshop_id, p$table, p$round, p$order), ]
  data
}
