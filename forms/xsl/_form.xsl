<?xml version="1.0" encoding="UTF-8"?>
<!--
  _form.xsl: XForms-style controls as accessible HTML. Mode "edit" makes
  the fillable form: every input has a label tied to it, groups are
  fieldsets with legends, hints and errors are tied with aria-describedby
  and errors are also listed at the top with links to the fields (the
  list takes the focus when the page comes back refused: autofocus, as
  there is no JavaScript; an error in a repeat's row names the row). Mode
  "show" lists a stored instance as questions and answers.
  Imported by form.xsl and concern.xsl; the view comes from form_view.c.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">

  <!-- ================================================= the fillable form -->
  <xsl:template match="form" mode="edit">
    <xsl:if test="errors/error">
      <div class="error-summary" role="alert" tabindex="-1" autofocus="autofocus" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title"><xsl:value-of select="i:t('The form could not be sent. Correct this:')"/></h2>
        <ul>
          <!-- A handover's new holder is chosen from the list: its
               name and unit are that person's, not asked again. -->
          <xsl:if test="/page/for/holders and errors/error[starts-with(@path, '/handover/new_holder/')]">
            <li><a href="#f-to"><xsl:value-of select="i:t('New holder')"/><xsl:text>: </xsl:text><xsl:call-template name="holder-error"/></a></li>
          </xsl:if>
          <xsl:for-each select="errors/error[not(/page/for/holders and starts-with(@path, '/handover/new_holder/'))]">
            <li>
              <a href="#{@for}">
                <xsl:if test="@row">
                  <xsl:call-template name="error-row"/>
                  <xsl:choose>
                    <xsl:when test="@label"><xsl:text> – </xsl:text></xsl:when>
                    <xsl:otherwise><xsl:text>: </xsl:text></xsl:otherwise>
                  </xsl:choose>
                </xsl:if>
                <xsl:if test="@label"><xsl:value-of select="@label"/><xsl:text>: </xsl:text></xsl:if>
                <xsl:value-of select="."/>
              </a>
            </li>
          </xsl:for-each>
        </ul>
        <xsl:if test="errors/@more">
          <p><xsl:value-of select="i:t('Only the first problems are listed: correct them and send again to see the rest.')"/></p>
        </xsl:if>
      </div>
    </xsl:if>
    <xsl:if test="intro"><p class="intro"><xsl:apply-templates select="intro" mode="text"/></p></xsl:if>
    <form method="post" action="{/page/@action}" novalidate="novalidate" class="xform" id="xform">
      <!-- First in the form: Enter in a text field sends the form, not
           the first add or remove button. -->
      <button type="submit" name="_action" value="submit" class="default-submit" tabindex="-1" aria-hidden="true"><xsl:value-of select="i:t('Send')"/></button>
      <input type="hidden" name="csrf" value="{/page/csrf}"/>
      <input type="hidden" name="idem" value="{/page/idem}"/>
      <xsl:if test="/page/@draft">
        <input type="hidden" name="_draft" value="{/page/@draft}"/>
      </xsl:if>
      <!-- The case the form is filled in for goes back with it; for a
           handover the new holder is chosen from a list (_to) first. -->
      <xsl:for-each select="/page/context[not(@name = '_to' and /page/for/holders)]">
        <input type="hidden" name="{@name}" value="{@value}"/>
      </xsl:for-each>
      <xsl:apply-templates select="/page/for/holders" mode="edit"/>
      <xsl:apply-templates select="controls/*" mode="edit"/>
      <div class="submit">
        <xsl:if test="not(@own-submit)">
          <button type="submit" name="_action" value="submit" class="primary"><xsl:value-of select="i:t('Send')"/></button>
        </xsl:if>
        <button type="submit" name="_action" value="save" class="secondary"><xsl:value-of select="i:t('Save draft')"/></button>
      </div>
    </form>
    <xsl:if test="/page/@draft">
      <form method="post" action="/drafts/{/page/@draft}/delete" class="discard">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <button type="submit" class="link-danger"><xsl:value-of select="i:t('Delete the draft')"/></button>
      </form>
    </xsl:if>
  </xsl:template>

  <!-- What the case decides is shown above the form (<for>), not asked
       again: the new holder's name and unit (chosen from the list), and
       the measure an evaluation is of. The server sets them on the way
       in (caseform_decided). -->
  <xsl:template match="group[/page/for/holders][.//*[@name = '/handover/new_holder/name']]" mode="edit" priority="2"/>
  <xsl:template match="*[/page/for/measure][@name = '/evaluation/measure']" mode="edit" priority="2"/>

  <!-- What is wrong with the new holder: not chosen, or what the
       server says of the one chosen (another service's, say). -->
  <xsl:template name="holder-error">
    <xsl:choose>
      <xsl:when test="not(/page/for/holders/user/@selected)"><xsl:value-of select="i:t('Choose who is to take over.')"/></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="/page/form/errors/error[starts-with(@path, '/handover/new_holder/')]">
          <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
          <xsl:value-of select="."/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The new holder of a handover: everyone who could hold the log,
       grouped by unit (Muenchian grouping: linear in the list). -->
  <xsl:key name="holder-unit" match="holders/user" use="@unit"/>

  <xsl:template match="holders" mode="edit">
    <xsl:variable name="err" select="/page/form/errors/error[starts-with(@path, '/handover/new_holder/')]"/>
    <div class="field">
      <xsl:if test="$err"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
      <label for="f-to">
        <xsl:value-of select="i:t('New holder')"/>
        <span class="req"><xsl:text> </xsl:text><xsl:value-of select="i:t('(required)')"/></span>
      </label>
      <div class="hint" id="f-to-hint"><xsl:value-of select="i:t('The person must accept before the handover takes effect. Someone in another service can hold the log only if the guardians’ consent covers that service.')"/></div>
      <xsl:if test="$err">
        <p class="field-error" id="f-to-error"><span class="visually-hidden"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></span><xsl:call-template name="holder-error"/></p>
      </xsl:if>
      <select id="f-to" name="_to" aria-required="true" aria-describedby="f-to-hint">
        <xsl:if test="$err">
          <xsl:attribute name="aria-describedby">f-to-hint f-to-error</xsl:attribute>
          <xsl:attribute name="aria-invalid">true</xsl:attribute>
        </xsl:if>
        <option value=""><xsl:value-of select="i:t('Choose …')"/></option>
        <xsl:for-each select="user[generate-id() = generate-id(key('holder-unit', @unit)[1])]">
          <optgroup label="{@unit}">
            <xsl:for-each select="key('holder-unit', @unit)">
              <option value="{@id}">
                <xsl:if test="@selected"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="@name"/>
                <xsl:text> – </xsl:text>
                <xsl:value-of select="@unit"/>
              </option>
            </xsl:for-each>
          </optgroup>
        </xsl:for-each>
      </select>
    </div>
  </xsl:template>

  <!-- Longer guidance, folded away; works without JavaScript. -->
  <xsl:template name="help">
    <xsl:if test="help">
      <details class="help">
        <summary><xsl:value-of select="i:t('Help')"/><span class="visually-hidden">: <xsl:apply-templates select="label" mode="text"/></span></summary>
        <p><xsl:apply-templates select="help" mode="text"/></p>
      </details>
    </xsl:if>
  </xsl:template>

  <xsl:template name="describedby">
    <xsl:variable name="ids">
      <xsl:if test="hint"><xsl:value-of select="concat(@id, '-hint ')"/></xsl:if>
      <xsl:if test="error"><xsl:value-of select="concat(@id, '-error')"/></xsl:if>
    </xsl:variable>
    <xsl:if test="normalize-space($ids) != ''">
      <xsl:attribute name="aria-describedby"><xsl:value-of select="normalize-space($ids)"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="error">
      <xsl:attribute name="aria-invalid">true</xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- The row an error is in ("Measure 2"), as its row's legend says it
       (context: an error with @row). -->
  <xsl:template name="error-row">
    <xsl:choose>
      <xsl:when test="@row-label"><xsl:value-of select="concat(@row-label, ' ', @row)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="i:t('Row {0}', @row)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An error beside its field: "Error: Measure 2: message". -->
  <xsl:template name="field-error">
    <p class="field-error" id="{@id}-error">
      <span class="visually-hidden"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></span>
      <xsl:for-each select="error[@row]"><xsl:call-template name="error-row"/><xsl:text>: </xsl:text></xsl:for-each>
      <xsl:value-of select="error"/>
    </p>
  </xsl:template>

  <xsl:template name="label-text">
    <xsl:apply-templates select="label" mode="text"/>
    <xsl:if test="@required = 'true'">
      <span class="req"><xsl:text> </xsl:text><xsl:value-of select="i:t('(required)')"/></span>
    </xsl:if>
  </xsl:template>

  <xsl:template name="hint-error">
    <xsl:if test="hint">
      <div class="hint" id="{@id}-hint"><xsl:apply-templates select="hint" mode="text"/></div>
    </xsl:if>
    <xsl:call-template name="help"/>
    <xsl:if test="error"><xsl:call-template name="field-error"/></xsl:if>
  </xsl:template>

  <xsl:template match="group" mode="edit">
    <xsl:choose>
      <xsl:when test="label">
        <fieldset class="group" id="{@id}">
          <xsl:if test="error"><xsl:attribute name="class">group has-error</xsl:attribute></xsl:if>
          <!-- a group's hint says when it applies: read with its legend -->
          <xsl:call-template name="describedby"/>
          <legend><xsl:apply-templates select="label" mode="text"/></legend>
          <xsl:if test="hint"><div class="hint" id="{@id}-hint"><xsl:apply-templates select="hint" mode="text"/></div></xsl:if>
          <xsl:call-template name="help"/>
          <xsl:if test="error"><xsl:call-template name="field-error"/></xsl:if>
          <xsl:apply-templates select="*[not(self::label or self::hint or self::help or self::error)]" mode="edit"/>
        </fieldset>
      </xsl:when>
      <xsl:otherwise>
        <div class="group" id="{@id}">
          <xsl:apply-templates select="*[not(self::label or self::hint or self::help)]" mode="edit"/>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A single check box: the error above it, the hint after its label
       (beside the box, not above it where a phone's narrow column parts
       them), both tied to it with aria-describedby. -->
  <xsl:template match="input[@type = 'boolean']" mode="edit">
    <div class="field check">
      <xsl:if test="error"><xsl:attribute name="class">field check has-error</xsl:attribute></xsl:if>
      <xsl:if test="error"><xsl:call-template name="field-error"/></xsl:if>
      <input type="checkbox" id="{@id}" name="{@name}" value="true">
        <xsl:if test="value = 'true' or value = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        <xsl:call-template name="describedby"/>
      </input>
      <div class="check-text">
        <label for="{@id}"><xsl:apply-templates select="label" mode="text"/></label>
        <xsl:if test="hint">
          <div class="hint" id="{@id}-hint"><xsl:apply-templates select="hint" mode="text"/></div>
        </xsl:if>
        <xsl:call-template name="help"/>
      </div>
    </div>
  </xsl:template>

  <xsl:template match="range" mode="edit">
    <div class="field">
      <xsl:if test="error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
      <label for="{@id}"><xsl:call-template name="label-text"/></label>
      <xsl:call-template name="hint-error"/>
      <input type="range" id="{@id}" name="{@name}" value="{value}" min="{@start}" max="{@end}">
        <xsl:if test="@step"><xsl:attribute name="step"><xsl:value-of select="@step"/></xsl:attribute></xsl:if>
        <xsl:call-template name="describedby"/>
      </input>
      <span class="range-scale"><xsl:value-of select="@start"/>–<xsl:value-of select="@end"/></span>
    </div>
  </xsl:template>

  <xsl:template match="output" mode="edit">
    <p class="output">
      <xsl:if test="label"><span class="output-label"><xsl:apply-templates select="label" mode="text"/><xsl:text>: </xsl:text></span></xsl:if>
      <output id="{@id}"><xsl:value-of select="value"/></output>
    </p>
  </xsl:template>

  <!-- A repeat: each row a fieldset; the page lists its rows in _row
       fields so a row whose boxes are all unticked is not lost. -->
  <xsl:template match="repeat" mode="edit">
    <div class="repeat" id="{@html-id}">
      <xsl:for-each select="row">
        <fieldset class="row">
          <legend>
            <xsl:choose>
              <xsl:when test="../@row-label"><xsl:value-of select="concat(../@row-label, ' ', @index)"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="i:t('Row {0}', @index)"/></xsl:otherwise>
            </xsl:choose>
          </legend>
          <input type="hidden" name="_row:{../@id}" value="{@index}"/>
          <xsl:apply-templates select="*" mode="edit"/>
        </fieldset>
      </xsl:for-each>
      <xsl:if test="not(row)">
        <p class="none"><xsl:value-of select="i:t('No rows yet.')"/></p>
      </xsl:if>
    </div>
  </xsl:template>

  <xsl:template match="trigger" mode="edit">
    <div class="trigger">
      <button type="submit" name="_action" value="{@value}" class="secondary">
        <xsl:apply-templates select="label" mode="text"/>
        <xsl:if test="@action = 'delete'">
          <span class="visually-hidden"><xsl:text> </xsl:text><xsl:value-of select="../../@row-label"/><xsl:text> </xsl:text><xsl:value-of select="../@index"/></span>
        </xsl:if>
      </button>
    </div>
  </xsl:template>

  <xsl:template match="submit" mode="edit">
    <div class="submit">
      <button type="submit" name="_action" value="submit" class="primary"><xsl:apply-templates select="label" mode="text"/></button>
    </div>
  </xsl:template>

  <xsl:template match="input | secret" mode="edit">
    <div class="field">
      <xsl:if test="error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
      <label for="{@id}"><xsl:call-template name="label-text"/></label>
      <xsl:call-template name="hint-error"/>
      <input id="{@id}" name="{@name}" value="{value}">
        <xsl:attribute name="type">
          <xsl:choose>
            <xsl:when test="@type = 'date'">date</xsl:when>
            <xsl:when test="@type = 'email'">email</xsl:when>
            <xsl:when test="@type = 'phone'">tel</xsl:when>
            <xsl:when test="@type = 'time'">time</xsl:when>
            <xsl:when test="self::secret">password</xsl:when>
            <xsl:otherwise>text</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:if test="@type = 'integer' or @type = 'nin' or @type = 'decimal'">
          <xsl:attribute name="inputmode"><xsl:choose><xsl:when test="@type = 'decimal'">decimal</xsl:when><xsl:otherwise>numeric</xsl:otherwise></xsl:choose></xsl:attribute>
        </xsl:if>
        <xsl:if test="@type = 'nin'">
          <xsl:attribute name="autocomplete">off</xsl:attribute>
          <xsl:attribute name="maxlength">11</xsl:attribute>
          <xsl:attribute name="class">short</xsl:attribute>
        </xsl:if>
        <xsl:if test="@type = 'integer'"><xsl:attribute name="class">short</xsl:attribute></xsl:if>
        <xsl:if test="@required = 'true'"><xsl:attribute name="aria-required">true</xsl:attribute></xsl:if>
        <xsl:if test="@readonly = 'true'"><xsl:attribute name="readonly">readonly</xsl:attribute></xsl:if>
        <xsl:call-template name="describedby"/>
      </input>
    </div>
  </xsl:template>

  <xsl:template match="textarea" mode="edit">
    <div class="field">
      <xsl:if test="error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
      <label for="{@id}"><xsl:call-template name="label-text"/></label>
      <xsl:call-template name="hint-error"/>
      <textarea id="{@id}" name="{@name}" rows="5">
        <xsl:if test="@required = 'true'"><xsl:attribute name="aria-required">true</xsl:attribute></xsl:if>
        <xsl:if test="@readonly = 'true'"><xsl:attribute name="readonly">readonly</xsl:attribute></xsl:if>
        <xsl:call-template name="describedby"/>
        <xsl:value-of select="value"/>
      </textarea>
    </div>
  </xsl:template>

  <!-- Radio buttons and check boxes: a fieldset whose legend is the label. -->
  <xsl:template match="select1[@appearance = 'full'] | select[not(@appearance = 'minimal')]" mode="edit">
    <xsl:variable name="kind">
      <xsl:choose><xsl:when test="self::select1">radio</xsl:when><xsl:otherwise>checkbox</xsl:otherwise></xsl:choose>
    </xsl:variable>
    <fieldset class="field choices">
      <xsl:if test="error"><xsl:attribute name="class">field choices has-error</xsl:attribute></xsl:if>
      <xsl:call-template name="describedby"/>
      <legend><xsl:call-template name="label-text"/></legend>
      <xsl:call-template name="hint-error"/>
      <xsl:variable name="ctl" select="."/>
      <xsl:for-each select="item">
        <xsl:variable name="iid">
          <xsl:choose>
            <xsl:when test="position() = 1"><xsl:value-of select="$ctl/@id"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="concat($ctl/@id, '-', position())"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <div class="choice">
          <input type="{$kind}" id="{$iid}" name="{$ctl/@name}" value="{value}">
            <xsl:if test="@selected"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <label for="{$iid}"><xsl:apply-templates select="label" mode="text"/></label>
        </div>
      </xsl:for-each>
    </fieldset>
  </xsl:template>

  <xsl:template match="select1 | select" mode="edit">
    <div class="field">
      <xsl:if test="error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
      <label for="{@id}"><xsl:call-template name="label-text"/></label>
      <xsl:call-template name="hint-error"/>
      <select id="{@id}" name="{@name}">
        <xsl:if test="self::select"><xsl:attribute name="multiple">multiple</xsl:attribute></xsl:if>
        <xsl:if test="@required = 'true'"><xsl:attribute name="aria-required">true</xsl:attribute></xsl:if>
        <xsl:call-template name="describedby"/>
        <xsl:if test="self::select1"><option value=""><xsl:value-of select="i:t('Choose …')"/></option></xsl:if>
        <xsl:for-each select="item">
          <option value="{value}">
            <xsl:if test="@selected"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:if test="label/@lang"><xsl:attribute name="lang"><xsl:value-of select="label/@lang"/></xsl:attribute></xsl:if>
            <xsl:value-of select="label"/>
          </option>
        </xsl:for-each>
      </select>
    </div>
  </xsl:template>

  <xsl:template match="*" mode="edit"/>

  <!-- A text of the form's definition (a label, hint, help, intro): one
       the definition has only in another language than the page's (a
       nynorsk page shows bokmål) is marked with it (form_view.c). -->
  <xsl:template match="*" mode="text">
    <xsl:choose>
      <xsl:when test="@lang"><span lang="{@lang}"><xsl:value-of select="."/></span></xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================ a stored instance -->
  <xsl:template match="form" mode="show">
    <div class="answers">
      <xsl:apply-templates select="controls/*" mode="show"/>
    </div>
  </xsl:template>

  <xsl:template match="group" mode="show">
    <section class="answer-group">
      <xsl:if test="label"><h3><xsl:apply-templates select="label" mode="text"/></h3></xsl:if>
      <xsl:if test="*[not(self::group or self::repeat or self::label or self::hint or self::help)]">
        <dl>
          <xsl:apply-templates select="*[not(self::group or self::repeat)]" mode="show"/>
        </dl>
      </xsl:if>
      <xsl:apply-templates select="group | repeat" mode="show"/>
    </section>
  </xsl:template>

  <xsl:template match="repeat" mode="show">
    <xsl:for-each select="row">
      <section class="answer-row">
        <h4>
          <xsl:choose>
            <xsl:when test="../@row-label"><xsl:value-of select="concat(../@row-label, ' ', @index)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="i:t('Row {0}', @index)"/></xsl:otherwise>
          </xsl:choose>
        </h4>
        <dl><xsl:apply-templates select="*[not(self::group or self::repeat)]" mode="show"/></dl>
        <xsl:apply-templates select="group" mode="show"/>
      </section>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="output" mode="show">
    <dt><xsl:apply-templates select="label" mode="text"/></dt>
    <dd><xsl:value-of select="value"/></dd>
  </xsl:template>

  <!-- A stored instance may be shown with errors (minutes that could
       not be made final): each beside its answer, which the page's
       summary links to. -->
  <xsl:template match="input | secret | textarea | select1 | select | range" mode="show">
    <dt><xsl:apply-templates select="label" mode="text"/></dt>
    <dd>
      <xsl:if test="error">
        <xsl:attribute name="id"><xsl:value-of select="@id"/></xsl:attribute>
        <xsl:attribute name="class">has-error</xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="item">
          <xsl:choose>
            <xsl:when test="item[@selected]">
              <xsl:for-each select="item[@selected]">
                <xsl:apply-templates select="label" mode="text"/>
                <xsl:if test="position() != last()"><xsl:text>; </xsl:text></xsl:if>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise><span class="none"><xsl:value-of select="i:t('Not given')"/></span></xsl:otherwise>
          </xsl:choose>
        </xsl:when>
        <xsl:when test="@type = 'boolean'">
          <xsl:choose>
            <xsl:when test="value = 'true' or value = '1'"><xsl:value-of select="i:t('Yes')"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="i:t('No')"/></xsl:otherwise>
          </xsl:choose>
        </xsl:when>
        <xsl:when test="normalize-space(value) = ''"><span class="none"><xsl:value-of select="i:t('Not given')"/></span></xsl:when>
        <xsl:when test="@type = 'date'"><xsl:call-template name="date"><xsl:with-param name="d" select="value"/></xsl:call-template></xsl:when>
        <xsl:otherwise><span class="text"><xsl:value-of select="value"/></span></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="error">
        <p class="field-error" id="{@id}-error">
          <span class="visually-hidden"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></span>
          <xsl:value-of select="error"/>
        </p>
      </xsl:if>
    </dd>
  </xsl:template>

  <xsl:template match="*" mode="show"/>
</xsl:stylesheet>
