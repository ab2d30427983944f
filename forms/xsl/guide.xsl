<?xml version="1.0" encoding="UTF-8"?>
<!--
  guide.xsl: the action guide (handlingsveileder) as the administrator
  adapts it: every level's steps with their text in both languages, the
  form that is the step's tool, and the deadline in days from the day
  the case came to the level; a form to add a step. View: h_guide.c,
  with <error field step> (step: its id, or "new") after a refusal.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:if test="error"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="i:t('The action guide')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <h1><xsl:value-of select="i:t('The action guide')"/></h1>
    <xsl:if test="error">
      <div class="error-summary" role="alert" tabindex="-1" autofocus="autofocus" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title"><xsl:value-of select="i:t('The step was not saved. Correct this:')"/></h2>
        <ul>
          <xsl:for-each select="error">
            <li><a href="#s-{@step}-{@field}"><xsl:value-of select="."/></a></li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <p class="intro"><xsl:value-of select="i:t('The steps every case follows, level by level, with the form to use and the deadline. Cases show the steps of their level with due dates counted from the day they came to the level. A change applies to all cases at once.')"/></p>
    <nav class="toc" aria-label="{i:t('Levels')}">
      <ul>
        <xsl:for-each select="guide/level">
          <li><a href="#level-{@n}"><xsl:call-template name="level"><xsl:with-param name="n" select="@n"/><xsl:with-param name="name" select="@name"/><xsl:with-param name="lang" select="@name-lang"/></xsl:call-template></a></li>
        </xsl:for-each>
        <li><a href="#new"><xsl:value-of select="i:t('Add a step')"/></a></li>
      </ul>
    </nav>
    <xsl:for-each select="guide/level">
      <section aria-labelledby="level-{@n}-title" id="level-{@n}">
        <h2 id="level-{@n}-title">
          <xsl:call-template name="level"><xsl:with-param name="n" select="@n"/><xsl:with-param name="name" select="@name"/><xsl:with-param name="lang" select="@name-lang"/></xsl:call-template>
        </h2>
        <xsl:if test="not(step)">
          <p class="none"><xsl:value-of select="i:t('No steps on this level.')"/></p>
        </xsl:if>
        <xsl:for-each select="step">
          <div class="step-admin">
            <form method="post" action="/admin/guide/steps/{@id}" novalidate="novalidate">
              <input type="hidden" name="csrf" value="{/page/csrf}"/>
              <input type="hidden" name="idem" value="{/page/idem}"/>
              <fieldset class="step-edit">
                <legend><xsl:value-of select="i:t('Step {0}', @n)"/></legend>
                <xsl:call-template name="step-fields">
                  <xsl:with-param name="key" select="@id"/>
                  <xsl:with-param name="nb" select="title-nb"/>
                  <xsl:with-param name="en" select="title-en"/>
                  <xsl:with-param name="form" select="@form"/>
                  <xsl:with-param name="days" select="@days"/>
                </xsl:call-template>
                <button type="submit" class="primary"><xsl:value-of select="i:t('Save step {0}', @n)"/></button>
              </fieldset>
            </form>
            <form method="post" action="/admin/guide/steps/{@id}/delete" class="discard">
              <input type="hidden" name="csrf" value="{/page/csrf}"/>
              <input type="hidden" name="idem" value="{/page/idem}"/>
              <button type="submit" class="link-danger"><xsl:value-of select="i:t('Delete step {0} on level {1}', @n, ../@n)"/></button>
            </form>
          </div>
        </xsl:for-each>
      </section>
    </xsl:for-each>
    <section aria-labelledby="new-title" id="new">
      <h2 id="new-title"><xsl:value-of select="i:t('Add a step')"/></h2>
      <form method="post" action="/admin/guide/steps" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <xsl:variable name="lerr" select="string(error[@step = 'new'][@field = 'level'])"/>
        <div>
          <xsl:attribute name="class">field<xsl:if test="$lerr != ''"> has-error</xsl:if></xsl:attribute>
          <label for="s-new-level">
            <xsl:value-of select="i:t('Level')"/>
            <span class="req"><xsl:text> </xsl:text><xsl:value-of select="i:t('(required)')"/></span>
          </label>
          <div class="hint" id="s-new-level-hint"><xsl:value-of select="i:t('The step is added last on the level.')"/></div>
          <xsl:call-template name="choices-error">
            <xsl:with-param name="id" select="'s-new-level'"/>
            <xsl:with-param name="error" select="$lerr"/>
          </xsl:call-template>
          <select id="s-new-level" name="level" aria-required="true">
            <xsl:attribute name="aria-describedby">s-new-level-hint<xsl:if test="$lerr != ''"> s-new-level-error</xsl:if></xsl:attribute>
            <xsl:if test="$lerr != ''"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
            <xsl:for-each select="guide/level">
              <option value="{@n}"><xsl:if test="@name-lang"><xsl:attribute name="lang"><xsl:value-of select="@name-lang"/></xsl:attribute></xsl:if><xsl:call-template name="level"><xsl:with-param name="n" select="@n"/><xsl:with-param name="name" select="@name"/></xsl:call-template></option>
            </xsl:for-each>
          </select>
        </div>
        <xsl:call-template name="step-fields">
          <xsl:with-param name="key" select="'new'"/>
        </xsl:call-template>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Add the step')"/></button>
      </form>
    </section>
  </xsl:template>

  <!-- The fields of a step; ids s-KEY-FIELD so errors link to them. -->
  <xsl:template name="step-fields">
    <xsl:param name="key"/>
    <xsl:param name="nb" select="''"/>
    <xsl:param name="en" select="''"/>
    <xsl:param name="form" select="''"/>
    <xsl:param name="days" select="''"/>
    <xsl:variable name="e" select="/page/error[@step = $key]"/>
    <xsl:call-template name="field">
      <xsl:with-param name="id" select="concat('s-', $key, '-title_nb')"/>
      <xsl:with-param name="name" select="'title_nb'"/>
      <xsl:with-param name="label" select="i:t('What to do, in Norwegian')"/>
      <xsl:with-param name="type" select="'textarea'"/>
      <xsl:with-param name="rows" select="'2'"/>
      <xsl:with-param name="required" select="true()"/>
      <xsl:with-param name="maxlength" select="'500'"/>
      <xsl:with-param name="value" select="string($nb)"/>
      <xsl:with-param name="error" select="string($e[@field = 'title_nb'])"/>
      <xsl:with-param name="lang" select="'nb'"/>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="id" select="concat('s-', $key, '-title_en')"/>
      <xsl:with-param name="name" select="'title_en'"/>
      <xsl:with-param name="label" select="i:t('What to do, in English')"/>
      <xsl:with-param name="type" select="'textarea'"/>
      <xsl:with-param name="rows" select="'2'"/>
      <xsl:with-param name="required" select="true()"/>
      <xsl:with-param name="maxlength" select="'500'"/>
      <xsl:with-param name="value" select="string($en)"/>
      <xsl:with-param name="error" select="string($e[@field = 'title_en'])"/>
      <xsl:with-param name="lang" select="'en'"/>
    </xsl:call-template>
    <div class="field-row">
      <xsl:variable name="fid" select="concat('s-', $key, '-form')"/>
      <xsl:variable name="ferr" select="string($e[@field = 'form'])"/>
      <div>
        <xsl:attribute name="class">field<xsl:if test="$ferr != ''"> has-error</xsl:if></xsl:attribute>
        <label for="{$fid}"><xsl:value-of select="i:t('Tool (form)')"/></label>
        <div class="hint" id="{$fid}-hint"><xsl:value-of select="i:t('A step with a form is done when the form is used.')"/></div>
        <xsl:call-template name="choices-error">
          <xsl:with-param name="id" select="$fid"/>
          <xsl:with-param name="error" select="$ferr"/>
        </xsl:call-template>
        <select id="{$fid}" name="form">
          <xsl:attribute name="aria-describedby"><xsl:value-of select="$fid"/>-hint<xsl:if test="$ferr != ''"><xsl:text> </xsl:text><xsl:value-of select="$fid"/>-error</xsl:if></xsl:attribute>
          <xsl:if test="$ferr != ''"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
          <option value=""><xsl:value-of select="i:t('No form')"/></option>
          <xsl:for-each select="/page/forms/form">
            <option value="{@id}">
              <xsl:if test="@id = $form"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="@title"/>
            </option>
          </xsl:for-each>
        </select>
      </div>
      <xsl:call-template name="field">
        <xsl:with-param name="id" select="concat('s-', $key, '-days')"/>
        <xsl:with-param name="name" select="'days'"/>
        <xsl:with-param name="label" select="i:t('Deadline in days')"/>
        <xsl:with-param name="type" select="'number'"/>
        <xsl:with-param name="hint" select="i:t('From the day the case came to the level; empty for none.')"/>
        <xsl:with-param name="inputmode" select="'numeric'"/>
        <xsl:with-param name="value" select="string($days)"/>
        <xsl:with-param name="error" select="string($e[@field = 'days'])"/>
      </xsl:call-template>
    </div>
  </xsl:template>
</xsl:stylesheet>
